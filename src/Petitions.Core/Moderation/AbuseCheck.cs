using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Data;
using Petitions.Core.Signing;

namespace Petitions.Core.Moderation;

// A new online signature, as the abuse rules see it.
public sealed record SigningAttempt(
    int PetitionId, IPAddress? IpAddress, string NormalizedEmail, bool HoneypotFilled, DateTimeOffset? FormShownAt);

// Decides whether a new signature is held for a moderator. It never refuses: the signer gets the
// same page and the same email either way, because a refusal tells a bot which trick gave it away,
// and a person caught by a rule (a school behind one address) loses nothing once a moderator looks.
public sealed class AbuseCheck(PetitionsDbContext db)
{
    // Returns why the signature should be flagged, or null. Must run in the transaction that
    // inserts the signature: the rate rules lock the address for that petition until it commits.
    public async Task<string?> FlagReasonAsync(SigningAttempt attempt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Read for every signature, so that a change in the admin area applies to the very next one.
        // One row by primary key: cheaper than any cache that would need invalidating across instances.
        var rules = await db.AbuseRules.AsNoTracking().SingleOrDefaultAsync(r => r.Id == AbuseRules.SingletonId, cancellationToken)
            ?? AbuseRules.Defaults();
        var listed = await ListedAsync(attempt, cancellationToken);

        var reasons = new List<string>();
        reasons.AddRange(listed.Where(e => e.List == AccessList.Block).Select(e => $"blocked: {AccessListValues.Describe(e.Kind, e.Value)}"));
        if (attempt.HoneypotFilled)
            reasons.Add("honeypot: the hidden field was filled in");
        if (FillTimeReason(rules, attempt.FormShownAt, now) is { } fillTime)
            reasons.Add(fillTime);
        // An office or school behind one address is allowed past the rate rules, and only those.
        if (!listed.Any(e => e.List == AccessList.Allow) && attempt.IpAddress is not null)
            reasons.AddRange(await RateReasonsAsync(rules, attempt.PetitionId, attempt.IpAddress, now, cancellationToken));

        if (reasons.Count == 0)
            return null;
        var reason = string.Join("; ", reasons);
        return reason.Length <= SignatureRules.ReasonMaxLength ? reason : reason[..(SignatureRules.ReasonMaxLength - 1)] + "…";
    }

    // Email entries are found by their exact, normalised value; address ranges are few and are
    // matched here, by the entity's own rule.
    private async Task<List<AccessListEntry>> ListedAsync(SigningAttempt attempt, CancellationToken cancellationToken)
    {
        var email = attempt.NormalizedEmail;
        var domain = email[(email.LastIndexOf('@') + 1)..];
        var candidates = await db.AccessList.AsNoTracking()
            .Where(e => e.Kind == AccessKind.IpRange
                || (e.Kind == AccessKind.EmailAddress && e.Value == email)
                || (e.Kind == AccessKind.EmailDomain && e.Value == domain))
            .ToListAsync(cancellationToken);
        return candidates.Where(e => e.Matches(attempt.IpAddress, email)).ToList();
    }

    // A form sent back faster than a person could fill it in. The time it was shown comes back
    // with the form, protected by the web layer; when it is missing or was tampered with, the form
    // did not come from our page. A minimum of zero turns this rule off, timestamp and all.
    private static string? FillTimeReason(AbuseRules rules, DateTimeOffset? shownAt, DateTimeOffset now)
    {
        if (rules.MinimumFillTime <= TimeSpan.Zero)
            return null;
        if (shownAt is null)
            return "no form timestamp: missing or tampered with";
        var took = now - shownAt.Value;
        return took < rules.MinimumFillTime
            ? string.Create(CultureInfo.InvariantCulture,
                $"too fast: sent {Math.Max(0, took.TotalSeconds):0.0} seconds after the form was shown (minimum {Durations.Describe(rules.MinimumFillTime)})")
            : null;
    }

    private async Task<List<string>> RateReasonsAsync(AbuseRules rules, int petitionId, IPAddress ip, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("The rate rules must be checked in the transaction that inserts the signature.");

        // Without this, twenty requests sent at once would each count the same committed rows and
        // all pass. The lock covers one address on one petition, so only that address's requests
        // queue, each for one insert; a hash collision only makes two addresses queue together.
        await db.Database.ExecuteSqlAsync(
            $"SELECT pg_advisory_xact_lock({petitionId}, hashtext({ip.ToString()}))", cancellationToken);

        var reasons = new List<string>();
        foreach (var (limit, window) in new[] { (rules.BurstLimit, rules.BurstWindow), (rules.SustainedLimit, rules.SustainedWindow) })
        {
            var since = now - window;
            // On the (petition_id, ip_address, signed_at) index. Flagged signatures count too: a bot
            // that keeps going stays over the limit.
            var earlier = await db.Signatures.CountAsync(
                s => s.PetitionId == petitionId && s.IpAddress == ip && s.SignedAt > since, cancellationToken);
            if (earlier + 1 > limit)
                reasons.Add($"rate: {earlier + 1} from {Display(ip)} in {Durations.Describe(window)}");
        }
        return reasons;
    }

    private static string Display(IPAddress ip) => (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString();
}
