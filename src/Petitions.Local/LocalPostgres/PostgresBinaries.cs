namespace Petitions.Local.LocalPostgres;

internal sealed record PostgresBinaries(string InitDb, string PgCtl)
{
    public const string NotFoundMessage =
        "No database is configured and no PostgreSQL server was found to start one. Petitions runs its own PostgreSQL " +
        "when it can find the server programs (initdb and pg_ctl) on the PATH or in /usr/lib/postgresql/<version>/bin. " +
        "Install PostgreSQL 14 or newer (on Debian or Ubuntu: sudo apt-get install postgresql), or point the app at an " +
        "existing database with ConnectionStrings__Petitions=\"Host=...;Database=...;Username=...;Password=...\".";

    public static PostgresBinaries? Find()
    {
        var candidates = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(VersionedDirectories());
        foreach (var dir in candidates)
        {
            var initdb = Path.Combine(dir, "initdb");
            var pgctl = Path.Combine(dir, "pg_ctl");
            if (File.Exists(initdb) && File.Exists(pgctl))
                return new PostgresBinaries(initdb, pgctl);
        }
        return null;
    }

    // Debian and Ubuntu keep the server programs off the PATH, one directory per major version.
    private static IEnumerable<string> VersionedDirectories()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
            return [];
        return Directory.GetDirectories(root)
            .Select(dir => (dir, version: int.TryParse(Path.GetFileName(dir), out var v) ? v : 0))
            .OrderByDescending(x => x.version)
            .Select(x => Path.Combine(x.dir, "bin"));
    }
}
