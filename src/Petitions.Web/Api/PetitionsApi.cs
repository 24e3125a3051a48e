using Petitions.Core.Email;
using Petitions.Core.Petitions;

namespace Petitions.Web.Api;

public static class PetitionsApi
{
    public sealed record PetitionDto(string Slug, string Title, string Url, long SignatureCount, int Target, DateTimeOffset? ClosesAt);

    public sealed record PetitionDetailDto(
        string Slug, string Title, string Url, long SignatureCount, int Target, DateTimeOffset? ClosesAt,
        bool IsOpen, string Summary, string RecipientName, IReadOnlyList<string> Demands);

    public static IEndpointRouteBuilder MapPetitionsApi(this IEndpointRouteBuilder endpoints)
    {
        // Responses are cached for at most a second; see PublicOutputCache.
        var api = endpoints.MapGroup("/api/petitions").CacheOutput(Hosting.PublicOutputCache.PolicyName);

        api.MapGet("/", async (PetitionQueries queries, IPublicLinks links, CancellationToken ct) =>
        {
            var open = await queries.ListOpenAsync(language: null, ct);
            return Results.Ok(open.Select(p =>
                new PetitionDto(p.Slug, p.Title, links.Petition(p.Slug), p.SignatureCount, p.Target, p.ClosesAt)));
        });

        api.MapGet("/{slug}", async (string slug, PetitionQueries queries, IPublicLinks links, CancellationToken ct) =>
        {
            var found = await queries.FindPublishedAsync(slug, ct);
            var p = found?.Snapshot;
            return p is null
                ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Petition not found",
                    detail: $"There is no published petition with the slug '{slug}'.")
                : Results.Ok(new PetitionDetailDto(p.Slug, p.Title, links.Petition(p.Slug), p.SignatureCount, p.Target,
                    p.ClosesAt, found!.IsOpen, p.Summary, p.RecipientName, p.Demands));
        });

        return endpoints;
    }
}
