using Microsoft.EntityFrameworkCore;
using Petitions.Core.Counting;
using Petitions.Core.Data;

namespace Petitions.Core.Petitions;

public sealed record PetitionSummary(
    string Slug, string Title, string Summary, long SignatureCount, int Target, DateTimeOffset? ClosesAt);

public sealed record PetitionPage(
    string Slug,
    string Title,
    string RecipientName,
    string RecipientAddress,
    string Summary,
    string Body,
    string BodyHtml,
    IReadOnlyList<string> Demands,
    long SignatureCount,
    int Target,
    DateTimeOffset? ClosesAt,
    bool IsOpen,
    FieldMode CityField,
    FieldMode CommentField);

public sealed class PetitionQueries(PetitionsDbContext db, SignatureCounter counter, PetitionSnapshots snapshots, TimeProvider clock)
{
    public async Task<IReadOnlyList<PetitionSummary>> ListOpenAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var open = await db.Petitions.AsNoTracking()
            .Where(p => p.Status == PetitionStatus.Open && (p.ClosesAt == null || p.ClosesAt > now))
            .OrderByDescending(p => p.PublishedAt).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.Slug, p.Title, p.Summary, p.Target, p.ClosesAt })
            .ToListAsync(cancellationToken);
        var counts = await counter.CountsAsync(open.Select(p => p.Id).ToArray(), cancellationToken);
        return open
            .Select(p => new PetitionSummary(p.Slug, p.Title, p.Summary, counts.GetValueOrDefault(p.Id), p.Target, p.ClosesAt))
            .ToArray();
    }

    // Drafts are not public: they are reported as missing. The text and count come from a snapshot
    // at most PublicCacheOptions.Lifetime old (see PetitionSnapshots); whether the petition is
    // open is decided now, so a deadline takes effect on time.
    public async Task<PetitionPage?> FindPublishedAsync(string slug, CancellationToken cancellationToken)
    {
        var petition = await snapshots.FindAsync(slug, cancellationToken);
        if (petition is null)
            return null;
        var isOpen = Petition.IsOpenForSigning(petition.Status, petition.ClosesAt, clock.GetUtcNow());
        return new PetitionPage(
            petition.Slug, petition.Title, petition.RecipientName, petition.RecipientAddress, petition.Summary, petition.Body,
            petition.BodyHtml, petition.Demands, petition.SignatureCount, petition.Target, petition.ClosesAt, isOpen,
            petition.CityField, petition.CommentField);
    }
}
