using System.Net;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Counting;
using Petitions.Core.Data;
using Petitions.Core.Publishing;
using Petitions.Core.Signing;

namespace Petitions.Core.Insights;

// Every signature is in exactly one of the first four; the public count is the counter's sum,
// which trails Counted by a moment and matches it after.
public sealed record StatusCounts(long AwaitingConfirmation, long Counted, long Flagged, long Invalidated, long PublicCount)
{
    public long Total => AwaitingConfirmation + Counted + Flagged + Invalidated;
}

// A leading country: its counted signatures, and all of its signatures not invalidated (flagged
// and unconfirmed ones included), which staff compare to see what is held back.
public sealed record TopCountry(CountryCount Counted, long NotInvalidated);

public sealed record PetitionDashboard(
    int Id, string Slug, string Title, PetitionStatus Status, StatusCounts Counts, IReadOnlyList<HourTally> Hourly, IReadOnlyList<TopCountry> TopCountries);

public sealed record TrendingSource(string Value, long Signatures, long Flagged);

public sealed record PetitionTrending(int Id, string Title, DateTimeOffset Since, IReadOnlyList<TrendingSource> Addresses, IReadOnlyList<TrendingSource> Domains);

// What staff see about one petition. Each figure is one grouped query on the signatures of that
// petition, never a row-by-row walk.
public sealed class PetitionInsights(PetitionsDbContext db, SignatureCounter counter, TimeProvider clock)
{
    public const int ChartHours = 7 * 24;
    public const int TopCount = 10;
    public static readonly TimeSpan TrendingWindow = TimeSpan.FromHours(1);

    public async Task<PetitionDashboard?> DashboardAsync(int petitionId, CancellationToken cancellationToken)
    {
        var petition = await db.Petitions.AsNoTracking().Where(p => p.Id == petitionId)
            .Select(p => new { p.Id, p.Slug, p.Title, p.Status })
            .SingleOrDefaultAsync(cancellationToken);
        if (petition is null)
            return null;

        return new PetitionDashboard(petition.Id, petition.Slug, petition.Title, petition.Status,
            await CountsAsync(petitionId, cancellationToken),
            await HourlyAsync(petitionId, cancellationToken),
            await TopCountriesAsync(petitionId, cancellationToken));
    }

    public async Task<PetitionTrending?> TrendingAsync(int petitionId, CancellationToken cancellationToken)
    {
        var title = await db.Petitions.AsNoTracking().Where(p => p.Id == petitionId).Select(p => p.Title).SingleOrDefaultAsync(cancellationToken);
        if (title is null)
            return null;

        var since = clock.GetUtcNow() - TrendingWindow;
        var recent = db.Signatures.AsNoTracking().Where(s => s.PetitionId == petitionId && s.SignedAt > since);
        var addresses = await recent.Where(s => s.IpAddress != null)
            .GroupBy(s => s.IpAddress)
            .Select(g => new { Key = g.Key!, Signatures = g.LongCount(), Flagged = g.LongCount(s => s.FlaggedAt != null) })
            .OrderByDescending(x => x.Signatures).Take(TopCount)
            .ToListAsync(cancellationToken);
        var domains = await recent.Where(s => s.EmailDomain != null)
            .GroupBy(s => s.EmailDomain)
            .Select(g => new { Key = g.Key!, Signatures = g.LongCount(), Flagged = g.LongCount(s => s.FlaggedAt != null) })
            .OrderByDescending(x => x.Signatures).ThenBy(x => x.Key).Take(TopCount)
            .ToListAsync(cancellationToken);

        return new PetitionTrending(petitionId, title, since,
            addresses.Select(a => new TrendingSource(Display(a.Key), a.Signatures, a.Flagged)).ToArray(),
            domains.Select(d => new TrendingSource(d.Key, d.Signatures, d.Flagged)).ToArray());
    }

    private async Task<StatusCounts> CountsAsync(int petitionId, CancellationToken cancellationToken)
    {
        var groups = await db.Signatures.AsNoTracking().Where(s => s.PetitionId == petitionId)
            .GroupBy(s => new { s.Status, Flagged = s.FlaggedAt != null })
            .Select(g => new { g.Key.Status, g.Key.Flagged, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        long Sum(Func<SignatureStatus, bool, bool> which) => groups.Where(g => which(g.Status, g.Flagged)).Sum(g => g.Count);

        return new StatusCounts(
            AwaitingConfirmation: Sum((status, flagged) => status == SignatureStatus.Pending && !flagged),
            Counted: Sum((status, flagged) => status == SignatureStatus.Confirmed && !flagged),
            Flagged: Sum((status, flagged) => status != SignatureStatus.Invalidated && flagged),
            Invalidated: Sum((status, _) => status == SignatureStatus.Invalidated),
            PublicCount: await counter.CountAsync(petitionId, cancellationToken));
    }

    // Every hour of the last seven days, the empty ones included, oldest first. Hours are UTC:
    // date_trunc's third argument keeps them from following the database session's time zone.
    private async Task<IReadOnlyList<HourTally>> HourlyAsync(int petitionId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var thisHour = new DateTimeOffset(now.UtcDateTime.Date.AddHours(now.UtcDateTime.Hour), TimeSpan.Zero);
        var from = thisHour.AddHours(-(ChartHours - 1));
        var rows = await db.Database.SqlQuery<HourRow>($"""
            SELECT date_trunc('hour', signed_at, 'UTC') AS hour, count(*) AS signatures
            FROM signatures
            WHERE petition_id = {petitionId} AND signed_at >= {from}
            GROUP BY 1
            """).ToListAsync(cancellationToken);
        var byHour = rows.ToDictionary(r => r.Hour.ToUniversalTime(), r => r.Signatures);
        return Enumerable.Range(0, ChartHours)
            .Select(i => from.AddHours(i))
            .Select(hour => new HourTally(hour, byHour.GetValueOrDefault(hour)))
            .ToArray();
    }

    private async Task<IReadOnlyList<TopCountry>> TopCountriesAsync(int petitionId, CancellationToken cancellationToken)
    {
        var rows = await db.Signatures.AsNoTracking()
            .Where(s => s.PetitionId == petitionId && s.Status != SignatureStatus.Invalidated)
            .GroupBy(s => s.Country)
            .Select(g => new
            {
                Code = g.Key,
                Signatures = g.LongCount(),
                Counted = g.AsQueryable().LongCount(Signature.Counted),
            })
            .OrderByDescending(x => x.Counted).ThenByDescending(x => x.Signatures).ThenBy(x => x.Code)
            .Take(TopCount)
            .ToListAsync(cancellationToken);
        return rows.Select(r => new TopCountry(new CountryCount(r.Code, Countries.NameOf(r.Code), r.Counted), r.Signatures)).ToArray();
    }

    private static string Display(IPAddress ip) => (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString();

    private sealed record HourRow(DateTimeOffset Hour, long Signatures);
}
