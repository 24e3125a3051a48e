using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Petitions.Core.Data;
using Petitions.Core.Delivery;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.Delivery;

// A database upgraded from when a job's stage and failure were English sentences goes on showing
// its old jobs as they were, and one taken back down gets its sentences back.
public sealed class ExportJobMigrationTests : IAsyncLifetime
{
    private const string BeforeTypedStages = "20261203164223_StaffAccessControl";
    private readonly string _database = $"petitions_migration_{Environment.ProcessId}_{Guid.NewGuid():N}"[..48];
    private PostgresServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await PostgresServer.InstanceAsync();
        await AdminAsync($"CREATE DATABASE \"{_database}\"");
    }

    public async ValueTask DisposeAsync() => await AdminAsync($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)");

    [Fact]
    public async Task Old_jobs_keep_their_stage_volumes_and_failure_through_the_upgrade_and_back()
    {
        await using var db = Context();
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(BeforeTypedStages, TestContext.Current.CancellationToken);
        // The jobs are what is converted; their petition does not matter here, so no petition is made.
        await db.Database.ExecuteSqlRawAsync("ALTER TABLE export_jobs DROP CONSTRAINT fk_export_jobs_petitions_petition_id");
        var old = new (string Status, string Stage, string? Error)[]
        {
            ("Queued", "Waiting to start", null),
            ("Running", "Starting", null),
            ("Running", "Counting and hashing the list", null),
            ("Running", "Writing the CSV", null),
            ("Running", "Writing the staff CSV", null),
            ("Running", "Writing the PDF", null),
            ("Running", "Writing the PDF in 12 volumes", null),
            ("Running", "Polishing the list", null),
            ("Done", "Done", null),
            ("Failed", "Failed", "The petition no longer exists."),
            ("Failed", "Failed", "The export was started 3 times without finishing."),
            ("Failed", "Failed", "No space left on device"),
        };
        foreach (var (status, stage, error) in old)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO export_jobs (petition_id, formats, volume_size, status, stage, rows_done, rows_total, files, requested_by,
                                         requested_at, attempts, error)
                VALUES (1, 'Pdf, Csv', 100000, {status}, {stage}, 0, 0, ARRAY[]::text[], 'admin@example.org', now(), 1, {error})
                """);
        }

        await migrator.MigrateAsync(null, TestContext.Current.CancellationToken);

        var jobs = await db.ExportJobs.AsNoTracking().OrderBy(j => j.Id).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal<(ExportStage, int?, ExportFailure?, string?)>(
        [
            (ExportStage.Waiting, null, null, null),
            (ExportStage.Starting, null, null, null),
            (ExportStage.Counting, null, null, null),
            (ExportStage.WritingCsv, null, null, null),
            (ExportStage.WritingStaffCsv, null, null, null),
            (ExportStage.WritingPdf, 1, null, null),
            (ExportStage.WritingPdf, 12, null, null),
            (ExportStage.Starting, null, null, null),
            (ExportStage.Done, null, null, null),
            (ExportStage.Failed, null, ExportFailure.PetitionMissing, null),
            (ExportStage.Failed, null, ExportFailure.TooManyAttempts, null),
            (ExportStage.Failed, null, ExportFailure.Unexpected, "No space left on device"),
        ], jobs.Select(j => (j.Stage, j.VolumeCount, j.Failure, j.Error)));

        await migrator.MigrateAsync(BeforeTypedStages, TestContext.Current.CancellationToken);

        var back = await db.Database.SqlQueryRaw<OldJob>("SELECT stage AS \"Stage\", error AS \"Error\" FROM export_jobs ORDER BY id")
            .ToListAsync(TestContext.Current.CancellationToken);
        // The one sentence not known on the way up came back as the start.
        Assert.Equal(old.Select(o => new OldJob(o.Stage == "Polishing the list" ? "Starting" : o.Stage, o.Error)), back);
    }

    private sealed record OldJob(string Stage, string? Error);

    private PetitionsDbContext Context()
    {
        var options = new DbContextOptionsBuilder<PetitionsDbContext>();
        PetitionsDbContext.Configure(options, new NpgsqlConnectionStringBuilder(_server.ConnectionStringFor(_database)) { Pooling = false }.ConnectionString);
        return new PetitionsDbContext(options.Options);
    }

    private async Task AdminAsync(string sql)
    {
        var admin = new NpgsqlConnectionStringBuilder(_server.ConnectionStringFor("postgres")) { Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
