using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Petitions.Core.Data;

namespace Petitions.Core.Delivery;

// Runs queued exports. Any number of app instances may run this against one database: a worker
// claims a job with FOR UPDATE SKIP LOCKED and holds it with a lease it renews as it makes
// progress, so a job is only ever in one worker's hands, and a job whose instance died is taken
// up again once its lease lapses. Jobs run one at a time per instance: an export is CPU work, and
// the site must go on serving signers meanwhile.
public sealed class ExportWorker(
    IServiceScopeFactory scopes,
    ExportSignal signal,
    IOptions<DeliveryOptions> options,
    TimeProvider clock,
    ILogger<ExportWorker> logger) : BackgroundService
{
    // A job that has brought its worker down this often is not tried again.
    private const int MaxAttempts = 3;

    private readonly DeliveryOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the app finish starting before the first query.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RunNextAsync(stoppingToken))
                {
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not look for export jobs; will try again.");
            }

            try
            {
                await signal.WaitAsync(_options.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    // Claims and runs one job; false when there was none to run.
    public async Task<bool> RunNextAsync(CancellationToken cancellationToken)
    {
        ExportJob? job;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PetitionsDbContext>();
            var now = clock.GetUtcNow();
            var claimed = await db.ExportJobs.FromSql($"""
                UPDATE export_jobs
                SET status = 'Running', started_at = {now}, locked_until = {now + _options.Lease},
                    attempts = attempts + 1, stage = 'Starting', rows_done = 0, error = NULL
                WHERE id = (
                    SELECT id FROM export_jobs
                    WHERE status = 'Queued' OR (status = 'Running' AND locked_until < {now})
                    ORDER BY id
                    LIMIT 1
                    FOR UPDATE SKIP LOCKED)
                RETURNING *
                """).AsNoTracking().ToListAsync(cancellationToken);
            job = claimed.SingleOrDefault();
        }
        if (job is null)
            return false;

        var folder = Path.Combine(_options.ExportDirectory, job.Folder);
        try
        {
            if (job.Attempts > MaxAttempts)
                throw new InvalidOperationException($"The export was started {MaxAttempts} times without finishing.");
            // What an earlier, interrupted attempt left behind is not to be trusted.
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
            ExportFiles.CreateFolder(_options.ExportDirectory);
            ExportFiles.CreateFolder(folder);

            await using var exportScope = scopes.CreateAsyncScope();
            var exporter = exportScope.ServiceProvider.GetRequiredService<DeliveryExporter>();
            var result = await exporter.ExportAsync(job.PetitionId, job.Formats, job.VolumeSize,
                name => ExportFiles.Create(Path.Combine(folder, name)),
                progress => ReportAsync(job.Id, progress, cancellationToken),
                cancellationToken);
            if (result is null)
                throw new InvalidOperationException("The petition no longer exists.");

            var finished = await UpdateAsync(job.Id, s => s
                .SetProperty(j => j.Status, ExportStatus.Done)
                .SetProperty(j => j.Stage, "Done")
                .SetProperty(j => j.Files, result.Files.ToList())
                .SetProperty(j => j.Sha256, result.Facts.Sha256)
                .SetProperty(j => j.SignatureCount, result.Facts.Total)
                .SetProperty(j => j.RowsDone, result.Facts.Total)
                .SetProperty(j => j.RowsTotal, result.Facts.Total)
                .SetProperty(j => j.FinishedAt, clock.GetUtcNow())
                .SetProperty(j => j.LockedUntil, (DateTimeOffset?)null), CancellationToken.None);
            if (finished == 0)
                DeleteFolder(folder);
        }
        catch (JobDeletedException)
        {
            DeleteFolder(folder);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the lease lapses and another instance, or this one restarted, runs it again.
            DeleteFolder(folder);
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Export {JobId} failed.", job.Id);
            DeleteFolder(folder);
            await UpdateAsync(job.Id, s => s
                .SetProperty(j => j.Status, ExportStatus.Failed)
                .SetProperty(j => j.Stage, "Failed")
                .SetProperty(j => j.Error, Truncate(ex.Message))
                .SetProperty(j => j.FinishedAt, clock.GetUtcNow())
                .SetProperty(j => j.LockedUntil, (DateTimeOffset?)null), CancellationToken.None);
        }
        return true;
    }

    private async Task ReportAsync(long jobId, ExportProgress progress, CancellationToken cancellationToken)
    {
        var lockedUntil = clock.GetUtcNow() + _options.Lease;
        var updated = await UpdateAsync(jobId, s => s
            .SetProperty(j => j.Stage, progress.Stage)
            .SetProperty(j => j.RowsDone, progress.Done)
            .SetProperty(j => j.RowsTotal, progress.Total)
            .SetProperty(j => j.LockedUntil, lockedUntil), cancellationToken);
        if (updated == 0)
            throw new JobDeletedException();
    }

    private async Task<int> UpdateAsync(long jobId,
        Action<Microsoft.EntityFrameworkCore.Query.UpdateSettersBuilder<ExportJob>> set, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PetitionsDbContext>();
        return await db.ExportJobs.Where(j => j.Id == jobId && j.Status == ExportStatus.Running)
            .ExecuteUpdateAsync(set, cancellationToken);
    }

    private void DeleteFolder(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
        catch (IOException ex)
        {
            logger.LogWarning(ex, "Could not delete {Folder}.", folder);
        }
    }

    private static string Truncate(string message) => message.Length <= 2000 ? message : message[..2000];

    private sealed class JobDeletedException : Exception;
}
