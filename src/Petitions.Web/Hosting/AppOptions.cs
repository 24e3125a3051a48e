namespace Petitions.Web.Hosting;

public sealed class AppOptions
{
    public const string Section = "App";

    public string Name { get; set; } = "Petitions";

    // The address supporters reach the site at, for links in emails. When unset, links use the
    // address of the request that caused the email, or the address the server listens on.
    public string? BaseUrl { get; set; }
}

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public bool MigrateOnStartup { get; set; } = true;

    // Where the app keeps its own PostgreSQL cluster when no connection string is set.
    public string? DataDirectory { get; set; }

    // Connections one instance may hold; see ConnectionPool. Unset: ConnectionPool.DefaultSize.
    public int? MaxPoolSize { get; set; }
}

public sealed class ForwardedHeadersSettings
{
    public const string Section = "ForwardedHeaders";

    // Reverse proxies whose X-Forwarded-For is believed, in addition to loopback.
    public string[] KnownProxies { get; set; } = [];
    public string[] KnownNetworks { get; set; } = [];
}
