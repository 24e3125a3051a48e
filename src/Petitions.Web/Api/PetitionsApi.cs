using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Petitions.Core.Counting;
using Petitions.Core.Email;
using Petitions.Core.Publishing;

namespace Petitions.Web.Api;

public static class PetitionsApi
{
    public sealed record PetitionDto(
        string Slug, string Title, [property: Description("Absolute address of the petition's page.")] string Url,
        [property: Description("Confirmed signatures that count, at most a second old.")] long SignatureCount,
        int Target, DateTimeOffset? ClosesAt);

    public sealed record PetitionDetailDto(
        string Slug, string Title, [property: Description("Absolute address of the petition's page.")] string Url,
        [property: Description("Confirmed signatures that count, at most a second old; once the petition is delivered, the count it was delivered with.")] long SignatureCount,
        int Target, DateTimeOffset? ClosesAt,
        [property: Description("Whether the petition accepts signatures now.")] bool IsOpen,
        string Summary, string RecipientName, IReadOnlyList<string> Demands,
        StatisticsDto Statistics,
        [property: Description("The latest counted signers who chose to show their name publicly, newest first, at most 10 and at most a second old.")]
        IReadOnlyList<SignerDto> RecentSigners,
        [property: Description("The date the petition was handed to its recipient; null until it is delivered.")] DateOnly? DeliveredAt,
        [property: Description("The number of signatures handed over; null until it is delivered.")] long? DeliveredCount,
        [property: Description("SHA-256, in lowercase hexadecimal, of the signer list (CSV) handed over; null until it is delivered, or when no list was recorded.")]
        string? DeliveredListSha256,
        [property: Description("The recipient's response, or the date by which none had come; null until staff record either.")] ResponseDto? Response);

    public sealed record ResponseDto(
        [property: Description("The response as staff recorded it: plain text or Markdown. Null when none was received.")] string? Text,
        [property: Description("The date of the response. Null when none was received.")] DateOnly? Date,
        [property: Description("No response had been received by this date. Null when there is a response.")] DateOnly? NoResponseBy);

    [Description("Counted signatures (confirmed, not withdrawn, invalidated or held for review), at most 30 seconds old by default.")]
    public sealed record StatisticsDto(
        [property: Description("When these figures were computed.")] DateTimeOffset AsOf,
        [property: Description("Every country with a counted signature, most first.")] IReadOnlyList<CountryDto> ByCountry,
        [property: Description("Counted signatures by the UTC hour they were signed in, oldest first, empty hours included: the last 7 days, or since publication if shorter, ending when the petition closed if it has.")]
        IReadOnlyList<HourDto> ByHour);

    public sealed record CountryDto(
        [property: Description("ISO 3166-1 alpha-2 code.")] string Code,
        [property: Description("English name of the country.")] string Name,
        long Signatures);

    public sealed record HourDto([property: Description("Start of the UTC hour.")] DateTimeOffset Hour, long Signatures);

    public sealed record SignerDto(
        string Name,
        [property: Description("ISO 3166-1 alpha-2 code.")] string Country,
        [property: Description("English name of the country.")] string CountryName,
        DateTimeOffset SignedAt);

    public static IEndpointRouteBuilder MapPetitionsApi(this IEndpointRouteBuilder endpoints)
    {
        // Responses are cached for at most a second; see PublicOutputCache. Anyone may read them
        // from any site; see PublicApiCors.
        var api = endpoints.MapGroup("/api/petitions")
            .CacheOutput(Hosting.PublicOutputCache.PolicyName)
            .RequireCors(Hosting.PublicApiCors.PolicyName)
            .WithTags("Petitions");

        api.MapGet("/", async Task<Ok<PetitionDto[]>> (PetitionQueries queries, IPublicLinks links, CancellationToken ct) =>
            {
                var open = await queries.ListOpenAsync(language: null, ct);
                return TypedResults.Ok(open.Select(p =>
                    new PetitionDto(p.Slug, p.Title, links.Petition(p.Slug), p.SignatureCount, p.Target, p.ClosesAt)).ToArray());
            })
            .WithName("ListOpenPetitions")
            .WithSummary("The petitions open for signing, newest first.");

        api.MapGet("/{slug}", async Task<Results<Ok<PetitionDetailDto>, ProblemHttpResult>> (
                string slug, PetitionQueries queries, PetitionStatistics statistics, IPublicLinks links, CancellationToken ct) =>
            {
                var found = await queries.FindPublishedAsync(slug, ct);
                if (found is null)
                {
                    return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Petition not found",
                        detail: $"There is no published petition with the slug '{slug}'.");
                }
                var p = found.Snapshot;
                var stats = await statistics.GetAsync(p.Id, ct);
                return TypedResults.Ok(new PetitionDetailDto(p.Slug, p.Title, links.Petition(p.Slug), p.SignatureCount, p.Target,
                    p.ClosesAt, found.IsOpen, p.Summary, p.RecipientName, p.Demands, ToDto(stats.Tallies),
                    stats.RecentSigners.Select(s => new SignerDto(s.Name, s.Country, s.CountryName, s.SignedAt)).ToArray(),
                    p.Delivery?.On, p.Delivery?.SignatureCount, p.Delivery?.Sha256,
                    p.Delivery?.Response is { } r ? new ResponseDto(r.Text, r.On, r.NoResponseBy) : null));
            })
            .WithName("GetPetition")
            .WithSummary("One published petition (open or closed), with its signatures by country and by hour and its recent public signers.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return endpoints;
    }

    private static StatisticsDto ToDto(SignatureTallies tallies) => new(
        tallies.AsOf,
        tallies.ByCountry.Select(c => new CountryDto(c.Code, c.Name, c.Signatures)).ToArray(),
        tallies.ByHour.Select(h => new HourDto(h.Hour, h.Signatures)).ToArray());
}
