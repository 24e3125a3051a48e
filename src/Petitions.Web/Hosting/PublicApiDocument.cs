using Microsoft.OpenApi;

namespace Petitions.Web.Hosting;

// The OpenAPI description of the public API, at /openapi/v1.json. It describes the read
// endpoints under /api only: pages and the staff area are not an API.
public static class PublicApiDocument
{
    public static IServiceCollection AddPublicApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Petitions API",
                    Version = "v1",
                    Description = "Read-only public data about published petitions. Any origin may call it (CORS, no credentials). " +
                        "Counts are at most a second old; statistics by country and by hour at most 30 seconds by default.",
                };
                // The servers are the addresses the document was asked for at, "http://host/": a
                // path joined to one would start with "//".
                foreach (var server in document.Servers ?? [])
                    server.Url = server.Url?.TrimEnd('/');
                // Anonymous on purpose, and said so: one requirement naming no scheme means no
                // credentials, where no requirement at all would leave a client to guess.
                document.Security = [new OpenApiSecurityRequirement()];
                return Task.CompletedTask;
            });
        });

    public static WebApplication MapPublicApiDocument(this WebApplication app)
    {
        app.MapOpenApi().CacheOutput(PublicOutputCache.PolicyName).RequireCors(PublicApiCors.PolicyName);
        return app;
    }
}
