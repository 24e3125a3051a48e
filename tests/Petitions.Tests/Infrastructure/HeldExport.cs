using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Petitions.Core.Data;
using Petitions.Core.Delivery;

namespace Petitions.Tests.Infrastructure;

public static class HeldExport
{
    // An export another instance is in the middle of: running, its lease held for a year, so no
    // worker takes it up and the page shows it in progress for as long as the test needs.
    public static async Task<long> InProgressAsync(PetitionsApp app, int petitionId, ExportStage stage, long done, long total,
        ExportFormats formats = ExportFormats.Pdf | ExportFormats.Csv, int? volumes = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PetitionsDbContext>();
        var now = DateTimeOffset.UtcNow;
        // Queued and made running in one transaction: no worker ever sees it queued.
        await using var transaction = await db.Database.BeginTransactionAsync();
        var job = ExportJob.Queue(petitionId, formats, 100_000, "another.admin@example.org", now);
        db.ExportJobs.Add(job);
        await db.SaveChangesAsync();
        await db.ExportJobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, ExportStatus.Running)
            .SetProperty(j => j.Stage, stage)
            .SetProperty(j => j.VolumeCount, volumes)
            .SetProperty(j => j.RowsDone, done)
            .SetProperty(j => j.RowsTotal, total)
            .SetProperty(j => j.StartedAt, now)
            .SetProperty(j => j.Attempts, 1)
            .SetProperty(j => j.LockedUntil, now.AddYears(1)));
        await transaction.CommitAsync();
        return job.Id;
    }
}
