using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Petitions.Core.Abuse;
using Petitions.Core.Audit;
using Petitions.Core.Data;
using Petitions.Core.Delivery;
using Petitions.Core.Publishing;
using Petitions.Core.Signing;

namespace Petitions.Core.Privacy;

public sealed record RetentionReport(int Anonymised, int UnconfirmedDeleted, int IpAddressesMinimised, int SentEmailsDeleted,
    int AuditEntriesMinimised = 0)
{
    public bool Any => Anonymised + UnconfirmedDeleted + IpAddressesMinimised + SentEmailsDeleted + AuditEntriesMinimised > 0;

    public override string ToString() =>
        $"{Anonymised} signatures anonymised, {UnconfirmedDeleted} unconfirmed signatures deleted, "
        + $"{IpAddressesMinimised} IP addresses minimised, {SentEmailsDeleted} sent emails deleted, "
        + $"{AuditEntriesMinimised} moderation audit entries minimised";
}

// Keeps personal data no longer than it is needed:
//   - signers of a delivered petition are anonymised RetentionDaysAfterDelivery days later;
//   - signatures never confirmed are deleted once their last link has expired;
//   - IP addresses are cut down to their network after IpAddressDays;
//   - emails are deleted from the outbox SentEmailDays after they were sent or refused;
//   - moderation audit entries lose the names, emails and IP addresses in their filter and reason
//     after IpAddressDays (see ModerationAuditMinimising).
// Every step works in batches of one short statement each, so a run costs little at millions of
// rows and never holds many locks. Each statement is a guarded update that only touches rows still
// needing it, so two instances running at once, or a run interrupted halfway, do no harm: the
// next run carries on where this one stopped.
public sealed class RetentionJob(
    PetitionsDbContext db,
    AuditLog audit,
    IOptions<PrivacyOptions> privacyOptions,
    IOptions<SigningOptions> signingOptions,
    IOptions<DeliveryOptions> deliveryOptions,
    TimeProvider clock)
{
    private readonly PrivacyOptions _options = privacyOptions.Value;
    private int BatchSize => Math.Max(1, _options.RetentionBatchSize);

    // Statements with data-modifying WITH clauses must stay at the top level, so their results are
    // read as lists: a composed Single() would wrap them in a subquery PostgreSQL refuses.
    public async Task<RetentionReport> RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var report = new RetentionReport(
            await AnonymiseDeliveredAsync(now, cancellationToken),
            await DeleteUnconfirmedAsync(now, cancellationToken),
            await MinimiseIpAddressesAsync(now, cancellationToken),
            await DeleteSentEmailsAsync(now, cancellationToken),
            await MinimiseModerationAuditAsync(now, cancellationToken));
        if (report.Any)
            await audit.WriteAsync(Actor.System, AuditActions.RetentionApplied, null, report.ToString(), cancellationToken);
        return report;
    }

    // Country, dates, status, choices and flags stay, so the total, the summary by country and the
    // numbering are as they were delivered (the SHA-256 and total are kept on the petition).
    // Withdrawn rows were erased already.
    private async Task<int> AnonymiseDeliveredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lastDay = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-_options.RetentionDaysAfterDelivery);
        // A petition already anonymised comes back only while it still has export files (one was
        // running last time), and then only for those.
        var due = await db.Petitions.AsNoTracking()
            .Where(p => p.Status == PetitionStatus.Delivered && p.DeliveredOn <= lastDay
                && (p.SignersAnonymisedAt == null || db.ExportJobs.Any(j => j.PetitionId == p.Id)))
            .Select(p => new { p.Id, Done = p.SignersAnonymisedAt != null }).ToListAsync(cancellationToken);

        var total = 0;
        foreach (var (petitionId, done) in due.Select(p => (p.Id, p.Done)))
        {
            if (done)
            {
                await DeleteExportFilesAsync(petitionId, cancellationToken);
                continue;
            }
            // By keyset on (petition_id, id): every batch starts where the last one ended, so the
            // whole petition is read once, however many rows it has.
            long after = 0;
            while (true)
            {
                var batch = (await db.Database.SqlQuery<AnonymisedBatch>($"""
                    WITH batch AS (
                        SELECT id FROM signatures WHERE petition_id = {petitionId} AND id > {after} ORDER BY id LIMIT {BatchSize}
                    ),
                    tokens AS (DELETE FROM confirmation_tokens WHERE signature_id IN (SELECT id FROM batch)),
                    manage AS (DELETE FROM manage_tokens WHERE signature_id IN (SELECT id FROM batch)),
                    changed AS (
                        UPDATE signatures s
                        SET name = '', email = NULL, normalized_email = NULL, city = NULL, comment = NULL,
                            ip_address = NULL, user_agent = NULL, flag_reason = NULL, invalidation_reason = NULL,
                            anonymised_at = {now}
                        FROM batch
                        WHERE s.id = batch.id AND s.anonymised_at IS NULL AND s.status <> 'Withdrawn'
                        RETURNING s.id
                    )
                    SELECT (SELECT max(id) FROM batch) AS last_id, (SELECT count(*)::int FROM changed) AS changed
                    """).ToListAsync(cancellationToken)).Single();
                total += batch.Changed;
                if (batch.LastId is not { } last)
                    break;
                after = last;
            }
            await DeleteExportFilesAsync(petitionId, cancellationToken);
            await db.Petitions.Where(p => p.Id == petitionId && p.SignersAnonymisedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(p => p.SignersAnonymisedAt, now), cancellationToken);
        }
        return total;
    }

    // The PDF packs and CSVs on disk list every signer by name, so they go with the names in the
    // database. What they proved stays: the delivered total and SHA-256 are kept on the petition.
    // An export still running is left to finish; a later run removes it.
    private async Task DeleteExportFilesAsync(int petitionId, CancellationToken cancellationToken)
    {
        var finished = await db.ExportJobs.AsNoTracking()
            .Where(j => j.PetitionId == petitionId && (j.Status == ExportStatus.Done || j.Status == ExportStatus.Failed))
            .ToListAsync(cancellationToken);
        // Another instance's run may be removing the same folders and rows at the same moment:
        // what it already removed is simply gone, which is what both runs want.
        foreach (var job in finished)
            DeleteFolder(Path.Combine(deliveryOptions.Value.ExportDirectory, job.Folder));
        var ids = finished.Select(j => j.Id).ToList();
        await db.ExportJobs.Where(j => ids.Contains(j.Id)).ExecuteDeleteAsync(cancellationToken);
    }

    // A file the other run deleted first fails this run's delete; trying again finishes the job.
    // If the folder still cannot be removed the error stands, the job rows stay, and the next run
    // tries again rather than forgetting a folder full of names.
    private static void DeleteFolder(string folder)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (Directory.Exists(folder))
                    Directory.Delete(folder, recursive: true);
                return;
            }
            catch (IOException) when (attempt < 3)
            {
            }
        }
    }

    // A signature nobody confirmed is not a signature, only someone's details. It goes once it is
    // older than a confirmation link's lifetime and no link of its own is still valid ("email me
    // a new link" can make a fresh one). Its tokens go with it (cascade); so does any email to it
    // still unsent after all that time, which could only carry a dead link.
    private async Task<int> DeleteUnconfirmedAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var before = now - signingOptions.Value.TokenLifetime;
        return await InBatchesAsync($"""
                WITH doomed AS (
                    SELECT s.id FROM signatures s
                    WHERE s.status = 'Pending' AND s.signed_at < {before}
                      AND NOT EXISTS (SELECT 1 FROM confirmation_tokens t WHERE t.signature_id = s.id AND t.expires_at > {now})
                    LIMIT {BatchSize}
                    FOR UPDATE SKIP LOCKED
                ),
                gone AS (
                    DELETE FROM signatures s USING doomed WHERE s.id = doomed.id AND s.status = 'Pending'
                    RETURNING s.email
                ),
                unsent AS (
                    DELETE FROM outbox_messages o
                    WHERE o.sent_at IS NULL AND o.failed_at IS NULL AND o.created_at < {before}
                      AND o.to_address IN (SELECT email FROM gone WHERE email IS NOT NULL)
                )
                SELECT count(*)::int AS "Value" FROM gone
                """, cancellationToken);
    }

    // Why truncation and not a keyed hash: the abuse rules (Abuse/AbuseCheck) match exact
    // addresses over windows of minutes to a day, so they only ever look at addresses younger
    // than this; what older rows still need is moderation's search by network (CIDR), which a
    // hash would break and a truncated address keeps answering. IPv4 keeps its /24 and IPv6 its
    // /48, the usual size of one site's allocation (an IPv4 address seen through a dual-stack
    // socket, ::ffff:a.b.c.d, keeps the /24 of its IPv4 part): enough to see that a burst came from one
    // network, no longer enough to single out a household. The column stays an inet, and
    // ip_minimised_at marks the rows done.
    private async Task<int> MinimiseIpAddressesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var before = now - TimeSpan.FromDays(_options.IpAddressDays);
        return await InBatchesAsync($"""
                WITH batch AS (
                    SELECT id FROM signatures
                    WHERE ip_address IS NOT NULL AND ip_minimised_at IS NULL AND signed_at < {before}
                    LIMIT {BatchSize}
                    FOR UPDATE SKIP LOCKED
                ),
                changed AS (
                    UPDATE signatures s
                    SET ip_address = host(network(set_masklen(s.ip_address, CASE
                            WHEN family(s.ip_address) = 4 THEN 24
                            WHEN s.ip_address <<= '::ffff:0:0/96'::inet THEN 120
                            ELSE 48 END)))::inet,
                        ip_minimised_at = {now}
                    FROM batch WHERE s.id = batch.id AND s.ip_minimised_at IS NULL
                    RETURNING s.id
                )
                SELECT count(*)::int AS "Value" FROM changed
                """, cancellationToken);
    }

    // Oldest first by id, which is the order they were written in, so each batch finds its rows
    // at the start of the primary key. Unsent mail is the sender's and is left alone.
    private async Task<int> DeleteSentEmailsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var before = now - TimeSpan.FromDays(_options.SentEmailDays);
        return await InBatchesAsync($"""
                WITH gone AS (
                    DELETE FROM outbox_messages WHERE id IN (
                        SELECT id FROM outbox_messages
                        WHERE (sent_at < {before} OR failed_at < {before})
                        ORDER BY id LIMIT {BatchSize}
                        FOR UPDATE SKIP LOCKED)
                    RETURNING id
                )
                SELECT count(*)::int AS "Value" FROM gone
                """, cancellationToken);
    }

    // The same window as IP addresses: by then the signatures' own addresses are cut down, and an
    // audit entry should not keep what the signature no longer does. Moderation entries are few
    // (one per decision or bulk change), so each is rewritten in C# and saved by a guarded update
    // that only applies if the details are still as read; by id, so each run reads every old
    // entry once, passing over those already marked done.
    private async Task<int> MinimiseModerationAuditAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var before = now - TimeSpan.FromDays(_options.IpAddressDays);
        long after = 0;
        return await InBatchesAsync(async () =>
        {
            var batch = await db.AuditEntries.AsNoTracking()
                .Where(a => ModerationAuditMinimising.Actions.Contains(a.Action) && a.At < before && a.Id > after
                    && a.Details != null && !a.Details.Contains(ModerationAuditMinimising.DoneMarker))
                .OrderBy(a => a.Id).Take(BatchSize)
                .Select(a => new { a.Id, a.Details }).ToListAsync(cancellationToken);
            var changed = 0;
            foreach (var entry in batch)
            {
                var minimised = ModerationAuditMinimising.Minimise(entry.Details!);
                if (minimised == entry.Details)
                    continue;
                changed += await db.AuditEntries.Where(a => a.Id == entry.Id && a.Details == entry.Details)
                    .ExecuteUpdateAsync(set => set.SetProperty(a => a.Details, minimised), cancellationToken);
            }
            if (batch.Count > 0)
                after = batch[^1].Id;
            return (batch.Count, changed);
        });
    }

    // Runs a step's batch again and again until one takes fewer rows than BatchSize: then no row
    // the step is due to change is left, or those left are held by another run, which does them.
    // Returns how many rows the batches changed.
    private async Task<int> InBatchesAsync(Func<Task<(int Taken, int Changed)>> batch)
    {
        var total = 0;
        while (true)
        {
            var (taken, changed) = await batch();
            total += changed;
            if (taken < BatchSize)
                return total;
        }
    }

    // A step whose batch is one statement that reports how many rows it changed. Read as a list:
    // see RunAsync.
    private Task<int> InBatchesAsync(FormattableString statement, CancellationToken cancellationToken) =>
        InBatchesAsync(async () =>
        {
            var changed = (await db.Database.SqlQuery<int>(statement).ToListAsync(cancellationToken)).Single();
            return (changed, changed);
        });

    private sealed record AnonymisedBatch(long? LastId, int Changed);
}
