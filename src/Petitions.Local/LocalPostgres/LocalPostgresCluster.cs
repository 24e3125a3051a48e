using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Petitions.Local.LocalPostgres;

public sealed record LocalPostgresOptions(string DataDirectory, string Database = "petitions")
{
    // For throwaway clusters (tests, benchmarks): no fsync, nothing survives a power cut.
    public bool Ephemeral { get; init; }

    // A long-running app takes over a cluster whose owner has died, so that the cluster stops
    // with it. A one-off command leaves a running cluster alone.
    public bool AdoptOrphan { get; init; }
    public int MaxConnections { get; init; } = 100;
}

// A PostgreSQL cluster owned by the app, for running with zero configuration: created under
// .data/postgres on first run, reused afterwards, stopped when the app stops. It listens only on a
// Unix socket in a private directory, so it can never collide with another server's port.
// Postgres refuses to run as root; as root, the server runs as the "postgres" user (or "nobody").
public sealed class LocalPostgresCluster : IAsyncDisposable
{
    private const int NominalPort = 5432;
    private readonly LocalPostgresOptions _options;
    private readonly PostgresBinaries _binaries;
    private readonly string? _runAs;
    private bool _startedByUs;

    private LocalPostgresCluster(LocalPostgresOptions options, PostgresBinaries binaries)
    {
        _options = options with { DataDirectory = Path.GetFullPath(options.DataDirectory) };
        _binaries = binaries;
        _runAs = IsRoot() ? UnprivilegedUser() : null;
        SocketDirectory = Path.Combine(Path.GetTempPath(), "petitions-pg-" + ShortHash(_options.DataDirectory));
    }

    public string DataDirectory => _options.DataDirectory;
    public string SocketDirectory { get; }
    // Whether this process stops the cluster when it is done: it started it, or adopted it from
    // an app that died.
    public bool StartedByThisProcess => _startedByUs;

    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = SocketDirectory,
        Port = NominalPort,
        Username = "postgres",
        Database = _options.Database,
    }.ConnectionString;

    public string PsqlCommand => $"psql -h {SocketDirectory} -U postgres {_options.Database}";

    public static async Task<LocalPostgresCluster> StartAsync(LocalPostgresOptions options, CancellationToken cancellationToken = default)
    {
        var binaries = PostgresBinaries.Find() ?? throw new LocalPostgresException(PostgresBinaries.NotFoundMessage);
        var cluster = new LocalPostgresCluster(options, binaries);
        await cluster.StartAsync(cancellationToken);
        return cluster;
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        PrepareDirectories();
        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
            await InitDbAsync(cancellationToken);

        if (await IsRunningAsync(cancellationToken))
        {
            // Left running by an app that was killed, or used by another process of ours right now.
            if (await CanConnectAsync("postgres", cancellationToken))
            {
                if (_options.AdoptOrphan && !OwnerIsAlive())
                    TakeOwnership();
                await EnsureDatabaseAsync(cancellationToken);
                return;
            }
            await RunAsync(_binaries.PgCtl, ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "30"], cancellationToken, allowFailure: true);
        }

        // pg_ctl status says no server runs on this directory, so any pid file left is stale.
        File.Delete(Path.Combine(DataDirectory, "postmaster.pid"));

        var settings = new List<string>
        {
            "-c listen_addresses=''",
            $"-c unix_socket_directories='{SocketDirectory}'",
            $"-p {NominalPort}",
            $"-c max_connections={_options.MaxConnections}",
        };
        if (_options.Ephemeral)
            settings.AddRange(["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]);

        await RunAsync(_binaries.PgCtl,
            ["start", "-D", DataDirectory, "-w", "-t", "60", "-l", LogFile, "-o", string.Join(' ', settings)],
            cancellationToken);
        TakeOwnership();
        await EnsureDatabaseAsync(cancellationToken);
    }

    private string OwnerFile => Path.Combine(DataDirectory, "petitions-owner.pid");

    private void TakeOwnership()
    {
        _startedByUs = true;
        File.WriteAllText(OwnerFile, Environment.ProcessId.ToString());
    }

    private bool OwnerIsAlive()
    {
        try
        {
            if (!int.TryParse(File.ReadAllText(OwnerFile).Trim(), out var pid) || pid == Environment.ProcessId)
                return false;
            using var owner = Process.GetProcessById(pid);
            return !owner.HasExited;
        }
        catch (Exception ex) when (ex is IOException or ArgumentException or InvalidOperationException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private string LogFile => Path.Combine(DataDirectory, "server.log");

    public async Task StopAsync()
    {
        if (!_startedByUs)
            return;
        _startedByUs = false;
        File.Delete(OwnerFile);
        NpgsqlConnection.ClearAllPools();
        await RunAsync(_binaries.PgCtl,
            ["stop", "-D", DataDirectory, "-m", _options.Ephemeral ? "immediate" : "fast", "-w", "-t", "60"],
            CancellationToken.None, allowFailure: true);
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    public async Task CreateDatabaseAsync(string name, string? template = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync("postgres", cancellationToken);
        var sql = $"CREATE DATABASE \"{name}\"" + (template is null ? "" : $" TEMPLATE \"{template}\"");
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database }.ConnectionString;

    private void PrepareDirectories()
    {
        Directory.CreateDirectory(DataDirectory);
        Directory.CreateDirectory(SocketDirectory);
        if (_runAs is null || OperatingSystem.IsWindows())
            return;
        // The server user must own its data directory and be able to reach it.
        RunSync("chown", ["-R", _runAs, DataDirectory, SocketDirectory]);
        for (var dir = Path.GetDirectoryName(DataDirectory); dir is not null && dir != "/"; dir = Path.GetDirectoryName(dir))
        {
            var mode = File.GetUnixFileMode(dir);
            if (!mode.HasFlag(UnixFileMode.OtherExecute))
                File.SetUnixFileMode(dir, mode | UnixFileMode.OtherExecute);
        }
    }

    private async Task InitDbAsync(CancellationToken cancellationToken)
    {
        if (Directory.EnumerateFileSystemEntries(DataDirectory).Any())
            throw new LocalPostgresException(
                $"{DataDirectory} is not empty but holds no PostgreSQL cluster. Move it away, or set ConnectionStrings__Petitions to use another database.");
        await RunAsync(_binaries.InitDb,
            ["-D", DataDirectory, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"],
            cancellationToken);
    }

    private async Task<bool> IsRunningAsync(CancellationToken cancellationToken) =>
        await RunAsync(_binaries.PgCtl, ["status", "-D", DataDirectory], cancellationToken, allowFailure: true) == 0;

    private async Task<bool> CanConnectAsync(string database, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(database, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException)
        {
            return false;
        }
    }

    private async Task EnsureDatabaseAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync("postgres", cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.AddWithValue(_options.Database);
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            await CreateDatabaseAsync(_options.Database, cancellationToken: cancellationToken);
    }

    private async Task<NpgsqlConnection> OpenAsync(string database, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database, Pooling = false, Timeout = 5 };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private async Task<int> RunAsync(string file, string[] args, CancellationToken cancellationToken, bool allowFailure = false)
    {
        using var process = Process.Start(StartInfo(file, args))
            ?? throw new LocalPostgresException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0 && !allowFailure)
        {
            var log = File.Exists(LogFile) ? Tail(LogFile) : "";
            throw new LocalPostgresException(
                $"{Path.GetFileName(file)} {string.Join(' ', args)} failed with exit code {process.ExitCode}:\n{await output}{await error}{log}");
        }
        return process.ExitCode;
    }

    private ProcessStartInfo StartInfo(string file, string[] args)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (_runAs is null)
        {
            info.FileName = file;
        }
        else
        {
            info.FileName = "runuser";
            foreach (var prefix in new[] { "-u", _runAs, "--", file })
                info.ArgumentList.Add(prefix);
        }
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        return info;
    }

    private static void RunSync(string file, string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new LocalPostgresException($"{file} {string.Join(' ', args)} failed: {error}");
    }

    private static string Tail(string path)
    {
        try
        {
            var lines = File.ReadLines(path).TakeLast(15);
            return "\nServer log:\n" + string.Join('\n', lines);
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static string ShortHash(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..10];

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEffectiveUserId();

    private static bool IsRoot() => OperatingSystem.IsLinux() && GetEffectiveUserId() == 0;

    private static string UnprivilegedUser()
    {
        var users = File.Exists("/etc/passwd") ? File.ReadAllLines("/etc/passwd").Select(l => l.Split(':')[0]).ToHashSet() : [];
        if (users.Contains("postgres"))
            return "postgres";
        if (users.Contains("nobody"))
            return "nobody";
        throw new LocalPostgresException(
            "PostgreSQL will not run as root, and there is no 'postgres' or 'nobody' user to run it as. " +
            "Run the app as an ordinary user, or set ConnectionStrings__Petitions to use an existing database.");
    }
}

public sealed class LocalPostgresException(string message) : Exception(message);
