using Microsoft.EntityFrameworkCore;
using Petitions.Core.Counting;
using Petitions.Core.Data;

namespace Petitions.Core.Publishing;

public sealed record PetitionSummary(
    string Slug, string Title, string Summary, long SignatureCount, int Target, DateTimeOffset? ClosesAt);

// The snapshot as it was loaded, and whether it may be signed at the time of this request.
public sealed record PetitionPage(PetitionSnapshot Snapshot, bool IsOpen);

public sealed class PetitionQueries(PetitionsDbContext db, SignatureCounter counter, PetitionSnapshots snapshots, TimeProvider clock)
{
    // Titles and summaries in the reader's language where staff have translated them.
    public async Task<IReadOnlyList<PetitionSummary>> ListOpenAsync(string? language, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var open = await db.Petitions.AsNoTracking()
            .Where(p => p.Status == PetitionStatus.Open && (p.ClosesAt == null || p.ClosesAt > now))
            .OrderByDescending(p => p.PublishedAt).ThenBy(p => p.Id)
            .Select(p => new
            {
                p.Id, p.Slug, p.Title, p.Summary, p.Target, p.ClosesAt,
                Translated = p.Translations.Where(t => t.Language == language).Select(t => new { t.Title, t.Summary }).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var counts = await counter.CountsAsync(open.Select(p => p.Id).ToArray(), cancellationToken);
        return open
            .Select(p => new PetitionSummary(p.Slug, p.Translated?.Title ?? p.Title, p.Translated?.Summary ?? p.Summary,
                counts.GetValueOrDefault(p.Id), p.Target, p.ClosesAt))
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
        return new PetitionPage(petition, Petition.IsOpenForSigning(petition.Status, petition.ClosesAt, clock.GetUtcNow()));
    }
}
