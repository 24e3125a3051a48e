using System.Data.Common;
using Npgsql;

namespace Petitions.Web.Hosting;

// How many PostgreSQL connections one app instance may hold (Npgsql's Maximum Pool Size).
//
// More is not better. PostgreSQL runs one process per connection, and a machine does useful work
// on about as many queries at once as it has cores, plus a few that are waiting on the disk (a
// commit's WAL flush) or on a row lock. Past that, extra connections only add context switches
// and lock queues inside the database, and requests are better off waiting their turn for a
// connection in the app, where waiting is cheap. Npgsql's default of 100 per instance would also
// let two instances exhaust PostgreSQL's own default max_connections of 100.
//
// The default is four connections per core of the app's machine (the database is assumed to be
// on a similar one), at least 8, so the background workers (outbox, exports, retention) always
// find one beside the requests. Set Database:MaxPoolSize to change it, or put Maximum Pool Size
// in the connection string, which wins.
public static class ConnectionPool
{
    public static int DefaultSize => Math.Max(8, 4 * Environment.ProcessorCount);

    public static string Sized(string connectionString, int? configured)
    {
        var raw = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (raw.Keys.Cast<string>().Any(k => k.Replace(" ", "").Equals("MaximumPoolSize", StringComparison.OrdinalIgnoreCase)
                                             || k.Replace(" ", "").Equals("MaxPoolSize", StringComparison.OrdinalIgnoreCase)))
            return connectionString;
        return new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = configured ?? DefaultSize }.ConnectionString;
    }
}
