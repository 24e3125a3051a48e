using System.Diagnostics;
using Npgsql;
using Petitions.Local.LocalPostgres;

namespace Petitions.Tests.Local;

// The zero-configuration database: created on first run, reused after, and never stuck on a
// cluster that a killed app left behind.
public sealed class LocalPostgresClusterTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"petitions-cluster-test-{Guid.NewGuid():N}");

    [Fact]
    public async Task Data_survives_a_stop_and_a_new_start()
    {
        // Durable settings, as the app runs its own cluster.
        var options = new LocalPostgresOptions(_directory, "petitions");
        await using (var first = await LocalPostgresCluster.StartAsync(options))
        {
            Assert.True(first.StartedByThisProcess);
            await ExecuteAsync(first, "CREATE TABLE kept (value text); INSERT INTO kept VALUES ('still here')");
            await first.StopAsync();
        }

        await using var second = await LocalPostgresCluster.StartAsync(options);
        Assert.Equal("still here", await ScalarAsync(second, "SELECT value FROM kept"));
    }

    [Fact]
    public async Task A_cluster_left_running_by_a_killed_app_is_reused_and_left_running()
    {
        var options = new LocalPostgresOptions(_directory, "petitions") { Ephemeral = true };
        var orphan = await LocalPostgresCluster.StartAsync(options);
        // The app that started it is gone without stopping it.

        var reused = await LocalPostgresCluster.StartAsync(options);
        Assert.False(reused.StartedByThisProcess);
        Assert.Equal(1, await ScalarAsync(reused, "SELECT 1"));
        await reused.StopAsync();
        Assert.Equal(1, await ScalarAsync(orphan, "SELECT 1"));
        await orphan.StopAsync();
    }

    [Fact]
    public async Task A_running_app_adopts_a_cluster_whose_owner_died_and_stops_it_when_done()
    {
        var directory = _directory;
        var options = new LocalPostgresOptions(directory, "petitions") { Ephemeral = true };
        await LocalPostgresCluster.StartAsync(options);
        // The owner is gone: its process id no longer runs anything.
        await File.WriteAllTextAsync(Path.Combine(directory, "petitions-owner.pid"), "999999");

        var adopter = await LocalPostgresCluster.StartAsync(options with { AdoptOrphan = true });
        Assert.True(adopter.StartedByThisProcess);
        await adopter.StopAsync();

        Assert.False(File.Exists(Path.Combine(directory, "postmaster.pid")));
    }

    [Fact]
    public async Task A_stale_postmaster_pid_does_not_stop_the_next_start()
    {
        var options = new LocalPostgresOptions(_directory, "petitions") { Ephemeral = true };
        var cluster = await LocalPostgresCluster.StartAsync(options);
        var pidFile = Path.Combine(_directory, "postmaster.pid");
        var pidLines = await File.ReadAllLinesAsync(pidFile);
        await cluster.StopAsync();

        // A crash leaves the pid file behind, naming a process that no longer exists.
        pidLines[0] = "999999";
        await File.WriteAllLinesAsync(pidFile, pidLines);

        await using var restarted = await LocalPostgresCluster.StartAsync(options);
        Assert.True(restarted.StartedByThisProcess);
        Assert.Equal(1, await ScalarAsync(restarted, "SELECT 1"));
    }

    private static async Task ExecuteAsync(LocalPostgresCluster cluster, string sql)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(LocalPostgresCluster cluster, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public void Dispose()
    {
        // Whatever a failed test left running, stop it before removing its files.
        if (File.Exists(Path.Combine(_directory, "postmaster.pid")))
        {
            using var stop = Process.Start(new ProcessStartInfo("sh", ["-c", $"runuser -u postgres -- pg_ctl stop -D '{_directory}' -m immediate || pg_ctl stop -D '{_directory}' -m immediate"]) { RedirectStandardError = true, RedirectStandardOutput = true });
            stop?.WaitForExit();
        }
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
