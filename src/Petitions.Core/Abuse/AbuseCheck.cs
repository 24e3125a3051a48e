using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Petitions.Core.Data;
using Petitions.Core.Signing;

namespace Petitions.Core.Abuse;

// A new online signature, as the abuse rules see it.
public sealed record SigningAttempt(
    int PetitionId, IPAddress? IpAddress, string NormalizedEmail, bool HoneypotFilled, DateTimeOffset? FormShownAt);

// Decides whether a new signature is held for a moderator. It never refuses: the signer gets the
// same page and the same email either way, because a refusal tells a bot which trick gave it away,
// and a person caught by a rule (a school behind one address) loses nothing once a moderator looks.
public sealed class AbuseCheck(PetitionsDbContext db, AbuseControlsCache cache)
{
    // The rules and lists, at most a second old (see AbuseControlsCache). Fetch them before the
    // signing transaction begins: loading them takes a connection of its own, and requests that
    // each held a connection while waiting for another would exhaust the pool between them.
    public Task<AbuseControls> ControlsAsync(CancellationToken cancellationToken) => cache.GetAsync(cancellationToken);

    // Returns why the signature should be flagged, or null. Must run in the transaction that
    // inserts the signature: the rate rules lock the address for that petition until it commits.
    public async Task<string?> FlagReasonAsync(SigningAttempt attempt, AbuseControls controls, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var (rules, entries) = controls;
        var listed = entries.Where(e => e.Matches(attempt.IpAddress, attempt.NormalizedEmail)).ToList();

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

    // A form sent back faster than a person could fill it in. The time it was shown comes back
    // with the form, protected by the web layer and bound to the visitor it was shown to; when it
    // is missing, altered, someone else's or too old, the form did not come from our page to this
    // visitor just now (a bot can fetch one stamp and send it with every signature). A minimum of zero turns this rule off, timestamp and all.
    private static string? FillTimeReason(AbuseRules rules, DateTimeOffset? shownAt, DateTimeOffset now)
    {
        if (rules.MinimumFillTime <= TimeSpan.Zero)
            return null;
        if (shownAt is null)
            return "no form timestamp: missing, altered, shown to another visitor or too old";
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

        // The lock and the count go to the database together, in one round trip: a batch runs its
        // statements in order, each with its own snapshot, so the count still sees every row
        // committed before the lock was granted.
        //
        // Without the lock, twenty requests sent at once would each count the same committed rows
        // and all pass. The lock covers one address on one petition, so only that address's
        // requests queue, each for one insert; a hash collision only makes two addresses queue
        // together. The count is on the (petition_id, ip_address, signed_at) index. Flagged
        // signatures count too: a bot that keeps going stays over the limit.
        var burstSince = now - rules.BurstWindow;
        var sustainedSince = now - rules.SustainedWindow;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var batch = new NpgsqlBatch(connection)
        {
            Transaction = (NpgsqlTransaction)db.Database.CurrentTransaction.GetDbTransaction(),
            BatchCommands =
            {
                new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock($1, hashtext($2))")
                {
                    Parameters = { new() { Value = petitionId }, new() { Value = ip.ToString() } },
                },
                new NpgsqlBatchCommand("""
                    SELECT count(*) FILTER (WHERE signed_at > $3), count(*) FILTER (WHERE signed_at > $4)
                    FROM signatures WHERE petition_id = $1 AND ip_address = $2 AND signed_at > least($3, $4)
                    """)
                {
                    Parameters =
                    {
                        new() { Value = petitionId }, new() { Value = ip },
                        new() { Value = burstSince.ToUniversalTime() }, new() { Value = sustainedSince.ToUniversalTime() },
                    },
                },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var earlier = new[] { (rules.BurstLimit, rules.BurstWindow, reader.GetInt64(0)), (rules.SustainedLimit, rules.SustainedWindow, reader.GetInt64(1)) };

        var reasons = new List<string>();
        foreach (var (limit, window, count) in earlier)
        {
            if (count + 1 > limit)
                reasons.Add($"rate: {count + 1} from {Display(ip)} in {Durations.Describe(window)}");
        }
        return reasons;
    }

    private static string Display(IPAddress ip) => (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString();
}
