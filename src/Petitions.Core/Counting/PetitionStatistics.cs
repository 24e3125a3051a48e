using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Petitions.Core.Counting;
using Petitions.Core.Data;
using Petitions.Core.Publishing;
using Petitions.Core.Signing;

namespace Petitions.Core.Counting;

// Signatures signed within one UTC hour, which starts at Hour: counted ones for the public
// statistics, every one for the staff dashboard (PetitionInsights).
public sealed record HourTally(DateTimeOffset Hour, long Signatures);

// A counted signer who chose to show their name publicly. Nothing else about them is public.
public sealed record PublicSigner(string Name, string Country, string CountryName, DateTimeOffset SignedAt);

// Every country with a counted signature (Signature.Counted: confirmed, not held for moderation;
// so never a withdrawn or invalidated one), most first; and every hour of the timeline
// (PetitionStatistics.TimelineHours at most), empty hours included, oldest first.
public sealed record SignatureTallies(DateTimeOffset AsOf, IReadOnlyList<CountryCount> ByCountry, IReadOnlyList<HourTally> ByHour);

public sealed record PublicStatistics(SignatureTallies Tallies, IReadOnlyList<PublicSigner> RecentSigners);

// What anyone may see of a published petition's signatures, besides the count: where they come
// from, when they were signed, and the latest signers who asked to be named.
//
// At viral scale a petition holds millions of signatures and its page is read thousands of times
// a second, so nothing here is computed per request:
//
// - The tallies by country and by hour read every counted signature of the petition (by country)
//   or of the last week (by hour). Each is an index-only scan of a partial index that holds only
//   counted signatures, in the order the query groups them (ix_signatures_counted_by_country,
//   ix_signatures_delivered_list): no table rows, no sort, no other petition's rows. That still
//   grows with the petition, so the tallies are kept for PublicCacheOptions.StatisticsLifetime
//   (30 seconds by default), not the second the count is kept for: a viral petition's country
//   table and hourly chart do not change visibly in 30 seconds, and the count beside them stays
//   exact to the second. At 5,000,000 counted signatures that is one scan of each index per
//   instance every 30 seconds, instead of one per view.
// - The recent signers are ten rows from the end of a partial index that holds only counted,
//   named, not anonymised signatures (ix_signatures_public_signers): constant cost. They are kept
//   for PublicCacheOptions.Lifetime, like the count, so that a signer who withdraws or is
//   invalidated is gone from every instance within a second.
//
// Both are loaded once per petition and lifetime however many requests arrive together (see
// LoadOncePerKey). Changes never drop them early: a confirmation dropping the tallies would make
// a surge of confirmations recompute them for every view.
public sealed class PetitionStatistics
{
    public const int RecentSignerCount = 10;
    public const int TimelineHours = 7 * 24;

    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _clock;
    private readonly LoadOncePerKey<int, SignatureTallies> _tallies;
    private readonly LoadOncePerKey<int, IReadOnlyList<PublicSigner>> _signers;

    public PetitionStatistics(IServiceScopeFactory scopes, TimeProvider clock, IOptions<PublicCacheOptions> options)
    {
        _scopes = scopes;
        _clock = clock;
        _tallies = new(clock, () => options.Value.StatisticsLifetime, LoadTalliesAsync);
        _signers = new(clock, () => options.Value.Lifetime, LoadSignersAsync);
    }

    public async Task<PublicStatistics> GetAsync(int petitionId, CancellationToken cancellationToken)
    {
        var tallies = _tallies.GetAsync(petitionId, cancellationToken);
        var signers = _signers.GetAsync(petitionId, cancellationToken);
        return new PublicStatistics(await tallies, await signers);
    }

    private async Task<SignatureTallies> LoadTalliesAsync(int petitionId)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PetitionsDbContext>();
        var now = _clock.GetUtcNow();
        var byCountry = await ByCountryAsync(db, petitionId, CancellationToken.None);
        var byHour = await ByHourAsync(db, petitionId, now, CancellationToken.None);
        return new SignatureTallies(now, byCountry, byHour);
    }

    private async Task<IReadOnlyList<PublicSigner>> LoadSignersAsync(int petitionId)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PetitionsDbContext>();
        return await RecentSignersAsync(db, petitionId, CancellationToken.None);
    }

    // The queries, public so that their plans can be checked against a large petition.

    // Grouped in the index's order (petition, country), so PostgreSQL counts each country's run of
    // entries without sorting or hashing the petition's rows.
    public static async Task<IReadOnlyList<CountryCount>> ByCountryAsync(PetitionsDbContext db, int petitionId, CancellationToken cancellationToken)
    {
        var rows = await db.Signatures.AsNoTracking()
            .Where(s => s.PetitionId == petitionId)
            .Where(Signature.Counted)
            .GroupBy(s => s.Country)
            .Select(g => new { Code = g.Key, Signatures = g.LongCount() })
            .ToListAsync(cancellationToken);
        return rows
            .OrderByDescending(r => r.Signatures).ThenBy(r => r.Code, StringComparer.Ordinal)
            .Select(r => new CountryCount(r.Code, Countries.NameOf(r.Code), r.Signatures))
            .ToArray();
    }

    // The hours of the last seven days, or since the petition was published if that is later,
    // ending with the hour it closed if it has. Bounded so that the chart stays readable and the
    // scan covers a week of signatures at most, however long the petition has run. A signature
    // is in the hour it was signed (as in the delivered list) and joins it when confirmed, so the
    // latest hours fill in as people confirm. Hours are UTC: date_trunc's third argument keeps them
    // from following the database session's time zone.
    public static async Task<IReadOnlyList<HourTally>> ByHourAsync(PetitionsDbContext db, int petitionId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var petition = await db.Petitions.AsNoTracking().Where(p => p.Id == petitionId)
            .Select(p => new { p.PublishedAt, p.ClosedAt, p.ClosesAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (petition is null)
            return [];

        var end = now;
        if (petition.ClosedAt < end)
            end = petition.ClosedAt.Value;
        if (petition.ClosesAt < end)
            end = petition.ClosesAt.Value;
        var lastHour = HourOf(end == now || end == DateTimeOffset.MinValue ? end : end.AddTicks(-1));
        // Never before the calendar's first hour: a deadline stored as 0001-01-01 must not throw.
        var span = TimeSpan.FromHours(TimelineHours - 1);
        var firstHour = lastHour - DateTimeOffset.MinValue < span ? DateTimeOffset.MinValue : lastHour - span;
        if (petition.PublishedAt is { } published && HourOf(published) > firstHour)
            firstHour = HourOf(published);
        if (firstHour > lastHour)
            return [];
        var until = lastHour.AddHours(1);

        var rows = await db.Database.SqlQueryRaw<HourRow>($$"""
            SELECT date_trunc('hour', signed_at, 'UTC') AS hour, count(*) AS signatures
            FROM signatures
            WHERE petition_id = {0} AND {{Signature.CountedSql}}
              AND signed_at >= {1} AND signed_at < {2}
            GROUP BY 1
            """, petitionId, firstHour, until).ToListAsync(cancellationToken);
        var byHour = rows.ToDictionary(r => r.Hour.ToUniversalTime(), r => r.Signatures);
        var hours = (int)(until - firstHour).TotalHours;
        return Enumerable.Range(0, hours)
            .Select(i => firstHour.AddHours(i))
            .Select(hour => new HourTally(hour, byHour.GetValueOrDefault(hour)))
            .ToArray();
    }

    // The latest in the order signed, as the delivered list is ordered. The filter is exactly
    // ix_signatures_public_signers's, so the newest ten are the last ten entries of that index.
    // Withdrawal clears show_name_publicly; anonymisation keeps it but empties the name, so it is
    // excluded by its own mark.
    public static async Task<IReadOnlyList<PublicSigner>> RecentSignersAsync(PetitionsDbContext db, int petitionId, CancellationToken cancellationToken)
    {
        var rows = await db.Signatures.AsNoTracking()
            .Where(s => s.PetitionId == petitionId)
            .Where(Signature.Counted)
            .Where(s => s.ShowNamePublicly && s.AnonymisedAt == null)
            .OrderByDescending(s => s.SignedAt).ThenByDescending(s => s.Id)
            .Select(s => new { s.Name, s.Country, s.SignedAt })
            .Take(RecentSignerCount)
            .ToListAsync(cancellationToken);
        return rows.Select(r => new PublicSigner(r.Name, r.Country, Countries.NameOf(r.Country), r.SignedAt)).ToArray();
    }

    private static DateTimeOffset HourOf(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        return new DateTimeOffset(utc.Date.AddHours(utc.Hour), TimeSpan.Zero);
    }

    private sealed record HourRow(DateTimeOffset Hour, long Signatures);
}
