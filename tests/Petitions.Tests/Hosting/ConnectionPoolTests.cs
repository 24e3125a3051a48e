using Npgsql;
using Petitions.Web.Hosting;

namespace Petitions.Tests.Hosting;

public sealed class ConnectionPoolTests
{
    private const string Base = "Host=db;Database=petitions;Username=petitions;Password=secret";

    private static int PoolOf(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).MaxPoolSize;

    [Fact]
    public void Without_a_setting_an_instance_holds_four_connections_per_core_not_npgsqls_hundred()
    {
        Assert.Equal(Math.Max(8, 4 * Environment.ProcessorCount), PoolOf(ConnectionPool.Sized(Base, configured: null)));
    }

    [Fact]
    public void The_setting_sizes_the_pool()
    {
        Assert.Equal(30, PoolOf(ConnectionPool.Sized(Base, configured: 30)));
    }

    [Fact]
    public void A_pool_size_written_in_the_connection_string_wins()
    {
        Assert.Equal(50, PoolOf(ConnectionPool.Sized(Base + ";Maximum Pool Size=50", configured: 30)));
        Assert.Equal(7, PoolOf(ConnectionPool.Sized(Base + ";MaxPoolSize=7", configured: null)));
    }
}
