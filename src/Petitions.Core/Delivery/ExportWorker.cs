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
        var job = await ClaimAsync(cancellationToken);
        if (job is null)
            return false;

        var folder = Path.Combine(_options.ExportDirectory, job.Folder);
        try
        {
            if (job.HasUsedUpItsAttempts)
                throw new ExportFailedException(ExportFailure.TooManyAttempts,
                    $"The export was started {ExportJob.MaxAttempts} times without finishing.");
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
                throw new ExportFailedException(ExportFailure.PetitionMissing, "The petition no longer exists.");

            var finished = await SaveAsync(job.Id,
                j => j.Finish(result.Files, result.Facts.Sha256, result.Facts.Total, clock.GetUtcNow()), CancellationToken.None);
            if (!finished)
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
            // A failure foreseen is kept as its code, which staff read in their language; anything
            // else keeps its message, as it is all there is to tell them.
            var (failure, error) = ex is ExportFailedException foreseen ? (foreseen.Failure, null) : (ExportFailure.Unexpected, ex.Message);
            await SaveAsync(job.Id, j => j.Fail(failure, clock.GetUtcNow(), error), CancellationToken.None);
        }
        return true;
    }

    // SKIP LOCKED passes over a job another instance is claiming at this very moment instead of
    // waiting for it; once claimed, its lease keeps it out of this query until the lease lapses.
    // The row stays locked from the read to the save, so no two instances claim the same job.
    private async Task<ExportJob?> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PetitionsDbContext>();
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.ExportJobs.FromSql($"""
            SELECT * FROM export_jobs
            WHERE status = 'Queued' OR (status = 'Running' AND locked_until < {now})
            ORDER BY id
            LIMIT 1
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);
        if (claimed.SingleOrDefault() is not { } job)
            return null;
        job.Start(now, now + _options.Lease);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return job;
    }

    private async Task ReportAsync(long jobId, ExportProgress progress, CancellationToken cancellationToken)
    {
        var lockedUntil = clock.GetUtcNow() + _options.Lease;
        if (!await SaveAsync(jobId, j => j.Advance(progress.Stage, progress.Done, progress.Total, progress.Volumes, lockedUntil), cancellationToken))
            throw new JobDeletedException();
    }

    // Lets the job make its change and saves it, with the row locked from the read to the save:
    // staff may delete the job at any moment, and the delete then comes wholly before (nothing is
    // saved, and the worker stops) or wholly after. False when the job is gone or no longer running.
    private async Task<bool> SaveAsync(long jobId, Action<ExportJob> change, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PetitionsDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var found = await db.ExportJobs.FromSql($"""
            SELECT * FROM export_jobs WHERE id = {jobId} AND status = 'Running' FOR UPDATE
            """).ToListAsync(cancellationToken);
        if (found.SingleOrDefault() is not { } job)
            return false;
        change(job);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
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

    private sealed class JobDeletedException : Exception;

    private sealed class ExportFailedException(ExportFailure failure, string message) : Exception(message)
    {
        public ExportFailure Failure { get; } = failure;
    }
}
