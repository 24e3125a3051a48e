using Npgsql;

namespace Petitions.Web.Hosting;

public static class DatabaseErrors
{
    // True when the failure is the database being away (stopped, restarting, unreachable), as
    // opposed to a bug: the first deserves a 503 and "please try again", the second a 500.
    public static bool IsUnavailable(Exception? ex) => ex switch
    {
        null => false,
        // Shutting down, crashed, starting up, or out of connections.
        PostgresException postgres => postgres.IsTransient || postgres.SqlState is "57P01" or "57P02" or "57P03" or "53300",
        // Not an error the server sent: the connection itself failed.
        NpgsqlException => true,
        System.Net.Sockets.SocketException or TimeoutException => true,
        _ => IsUnavailable(ex.InnerException),
    };
}
