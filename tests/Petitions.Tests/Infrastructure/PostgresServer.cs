using Microsoft.EntityFrameworkCore;
using Npgsql;
using Petitions.Core.Data;
using Petitions.Local.LocalPostgres;

namespace Petitions.Tests.Infrastructure;

// One real PostgreSQL server for the whole test run: an ephemeral cluster the fixture starts
// itself, or the server named by PETITIONS_TEST_DATABASE. The real migrations are applied once
// to a template database, and every test class gets its own copy of it, so classes run in
// parallel without seeing each other's rows.
public sealed class PostgresServer
{
    private const string Template = "petitions_template";
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);
    private static int _databases;

    private readonly string _adminConnectionString;

    private PostgresServer(string adminConnectionString, LocalPostgresCluster? cluster)
    {
        _adminConnectionString = adminConnectionString;
        Cluster = cluster;
    }

    public LocalPostgresCluster? Cluster { get; }

    public static Task<PostgresServer> InstanceAsync() => Shared.Value;

    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"petitions_test_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{Template}\"");
        return ConnectionStringFor(name);
    }

    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = database, MaxPoolSize = 60 }.ConnectionString;

    private static async Task<PostgresServer> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable("PETITIONS_TEST_DATABASE");
        PostgresServer server;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            server = new PostgresServer(configured, null);
        }
        else
        {
            var directory = Path.Combine(Path.GetTempPath(), $"petitions-tests-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
            var cluster = await LocalPostgresCluster.StartAsync(
                new LocalPostgresOptions(directory, "postgres") { Ephemeral = true, MaxConnections = 500 });
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                cluster.StopAsync().GetAwaiter().GetResult();
                try { Directory.Delete(directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            };
            server = new PostgresServer(cluster.ConnectionString, cluster);
        }

        await server.ExecuteAsync($"DROP DATABASE IF EXISTS \"{Template}\" WITH (FORCE)");
        await server.ExecuteAsync($"CREATE DATABASE \"{Template}\"");
        var options = new DbContextOptionsBuilder<PetitionsDbContext>();
        var templateConnection = new NpgsqlConnectionStringBuilder(server.ConnectionStringFor(Template)) { Pooling = false }.ConnectionString;
        PetitionsDbContext.Configure(options, templateConnection);
        await using (var db = new PetitionsDbContext(options.Options))
            await db.Database.MigrateAsync();
        return server;
    }

    private async Task ExecuteAsync(string sql)
    {
        var admin = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
