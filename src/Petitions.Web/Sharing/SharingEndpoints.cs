using Microsoft.Extensions.Options;
using Petitions.Core.Publishing;
using Petitions.Core.Sharing;
using Petitions.Web.Hosting;

namespace Petitions.Web.Sharing;

public static class SharingEndpoints
{
    public static IEndpointRouteBuilder MapSharing(this IEndpointRouteBuilder endpoints)
    {
        // The picture beside a shared link. Crawlers and their caches may keep it for a minute,
        // as this instance does (SocialImages): the count in it lags by that much at most.
        endpoints.MapGet("/petitions/{slug}/social.png", async (string slug, PetitionQueries queries, SocialImages images,
            IOptions<AppOptions> app, HttpContext http, CancellationToken ct) =>
        {
            if (await queries.FindPublishedAsync(slug, ct) is not { } found)
                return Results.NotFound();
            var p = found.Snapshot;
            var png = await images.GetAsync(p.Slug, new SocialCard(app.Value.Name, p.Title, p.SignatureCount, p.Target, found.IsOpen), ct);
            http.Response.Headers.CacheControl = "public, max-age=60";
            return Results.File(png, "image/png");
        });

        endpoints.MapGet("/petitions/{slug}/qr.svg", async (string slug, PetitionQueries queries, SharingAddresses addresses,
            HttpContext http, CancellationToken ct) =>
        {
            if (await queries.FindPublishedAsync(slug, ct) is null)
                return Results.NotFound();
            http.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Text(PetitionQrCode.Svg(addresses.Petition(slug)), "image/svg+xml");
        });

        return endpoints;
    }
}
