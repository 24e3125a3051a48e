using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Petitions.Core.Data;
using Petitions.Core.Email;

namespace Petitions.Core.Updates;

// Sends updates: hands each recipient's email to the outbox, which sends it. Any number of app
// instances may run this: an update being sent is claimed with FOR UPDATE SKIP LOCKED and held by
// a lease renewed with every batch, so it is in one instance's hands at a time and taken up again
// where it stopped when its instance dies. The recipients are read in signature id order from the
// update's cursor, a batch at a time, never all at once, so a million of them take as little
// memory as a hundred. Each batch is one transaction: the recipient rows (whose primary key
// refuses a second email to anyone), the emails for the rows really inserted, and the cursor.
// A crash before the commit loses the batch whole and it is done again; after it, nothing is.
public sealed class UpdateSender(
    IServiceScopeFactory scopes,
    UpdateSignal signal,
    IOptions<UpdateOptions> options,
    TimeProvider clock,
    ILogger<UpdateSender> logger) : BackgroundService
{
    private readonly UpdateOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await SendNextAsync(stoppingToken))
                {
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not send updates; will try again.");
            }

            try
            {
                await signal.WaitAsync(_options.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    // Claims an update being sent and sends it to the end, at the configured pace, or until it is
    // cancelled or taken over; false when there was none to claim.
    public async Task<bool> SendNextAsync(CancellationToken cancellationToken)
    {
        if (await ClaimAsync(cancellationToken) is not { } claim)
            return false;
        var lease = claim.LockedUntil;
        var templates = new Dictionary<string, UpdateEmailTemplate>();
        while (true)
        {
            var started = Stopwatch.GetTimestamp();
            var batch = await SendBatchAsync(claim.Id, lease, templates, cancellationToken);
            if (batch is null)
                return true;
            lease = batch.LockedUntil;
            if (batch.Finished)
                return true;
            // The pace: a batch is at most one second's worth, and the next waits until its second is over.
            if (_options.MessagesPerSecond > 0)
            {
                var due = TimeSpan.FromSeconds((double)batch.Read / _options.MessagesPerSecond) - Stopwatch.GetElapsedTime(started);
                if (due > TimeSpan.Zero)
                    await Task.Delay(due, clock, cancellationToken);
            }
        }
    }

    // One batch of an update this instance holds with this lease: what the loop above does each
    // time round, and what a test does to stop a job halfway.
    public Task<SentBatch?> SendBatchAsync(long updateId, DateTimeOffset lease, CancellationToken cancellationToken) =>
        SendBatchAsync(updateId, lease, new Dictionary<string, UpdateEmailTemplate>(), cancellationToken);

    private async Task<Claim?> ClaimAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PetitionsDbContext>();
        var now = clock.GetUtcNow();
        var lockedUntil = Microseconds(now + _options.Lease);
        var claimed = await db.Database.SqlQuery<long>($"""
            UPDATE petition_updates SET locked_until = {lockedUntil}
            WHERE id = (
                SELECT id FROM petition_updates
                WHERE status = 'Sending' AND (locked_until IS NULL OR locked_until < {now})
                ORDER BY id
                LIMIT 1
                FOR UPDATE SKIP LOCKED)
            RETURNING id AS "Value"
            """).ToListAsync(cancellationToken);
        return claimed.Count == 0 ? null : new Claim(claimed[0], lockedUntil);
    }

    // One transaction: null when the update is no longer this worker's to send (cancelled, taken
    // over by another instance after this one's lease lapsed, or gone).
    private async Task<SentBatch?> SendBatchAsync(long updateId, DateTimeOffset lease, Dictionary<string, UpdateEmailTemplate> templates,
        CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<PetitionsDbContext>();
        var outbox = services.GetRequiredService<Outbox>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Holding the row for the batch makes a cancel wait for it, and the next batch see the cancel.
        var update = await db.PetitionUpdates.FromSql($"SELECT * FROM petition_updates WHERE id = {updateId} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        if (update is not { Status: UpdateStatus.Sending } || update.LockedUntil != lease)
            return null;

        var signers = await UpdateRecipients.Of(db.Signatures.AsNoTracking(), update.PetitionId, update.Audience)
            .Where(s => s.Id > update.Cursor)
            .OrderBy(s => s.Id)
            .Take(_options.EffectiveBatchSize)
            .Select(s => new { s.Id, s.Name, Email = s.Email!, s.Language })
            .ToListAsync(cancellationToken);

        var inserted = new HashSet<long>();
        if (signers.Count > 0)
        {
            var ids = signers.Select(s => s.Id).ToArray();
            inserted = (await db.Database.SqlQuery<long>($"""
                INSERT INTO update_recipients (update_id, signature_id)
                SELECT {updateId}, unnest({ids})
                ON CONFLICT DO NOTHING
                RETURNING signature_id AS "Value"
                """).ToListAsync(cancellationToken)).ToHashSet();
        }

        if (inserted.Count > 0)
        {
            if (templates.Count == 0)
                await db.Entry(update).Collection(u => u.Translations).LoadAsync(cancellationToken);
            var petition = await db.Petitions.AsNoTracking().Where(p => p.Id == update.PetitionId)
                .Select(p => new { p.Title, p.Slug }).SingleAsync(cancellationToken);
            var emails = services.GetRequiredService<UpdateEmails>();
            var links = services.GetRequiredService<IPublicLinks>();
            var key = await services.GetRequiredService<UnsubscribeTokens>().KeyAsync(cancellationToken);
            foreach (var signer in signers.Where(s => inserted.Contains(s.Id)))
            {
                var language = signer.Language ?? Languages.SiteLanguages.Default;
                if (!templates.TryGetValue(language, out var template))
                    templates[language] = template = emails.For(update, petition.Title, petition.Slug, language);
                var unsubscribe = links.Unsubscribe(UnsubscribeTokens.For(key, signer.Id));
                db.OutboxMessages.Add(outbox.ForUpdate(template.Write(signer.Name, unsubscribe), signer.Email, signer.Name, update.Id, unsubscribe));
            }
        }

        var now = clock.GetUtcNow();
        var lockedUntil = Microseconds(now + _options.Lease);
        update.Advance(signers.Count > 0 ? signers[^1].Id : update.Cursor, inserted.Count, lockedUntil, now);
        var finished = signers.Count < _options.EffectiveBatchSize;
        if (finished)
            update.Finish(now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (inserted.Count > 0)
            outbox.WakeSender();
        return new SentBatch(signers.Count, inserted.Count, finished, lockedUntil);
    }

    // PostgreSQL keeps microseconds; the lease is compared with what it keeps.
    public static DateTimeOffset Microseconds(DateTimeOffset at) => new(at.Ticks - at.Ticks % 10, at.Offset);

    private sealed record Claim(long Id, DateTimeOffset LockedUntil);
}

// One batch: recipients read past the cursor, emails written (fewer when a resumed job finds some
// already sent), and whether that was the end.
public sealed record SentBatch(int Read, int Enqueued, bool Finished, DateTimeOffset LockedUntil);
