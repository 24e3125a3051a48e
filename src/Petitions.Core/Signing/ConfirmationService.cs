using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Petitions.Core.Counting;
using Petitions.Core.Data;
using Petitions.Core.Delivery;
using Petitions.Core.Email;
using Petitions.Core.Publishing;

namespace Petitions.Core.Signing;

public sealed class ConfirmationService(
    PetitionsDbContext db,
    SignatureCounter counter,
    DeliveryReceipts receipts,
    SignatureEmails emails,
    Outbox outbox,
    PetitionSnapshots snapshots,
    IOptions<SigningOptions> options,
    TimeProvider clock)
{
    // What the link is good for, without changing anything: opening a link must never confirm,
    // because mail scanners open links. Only the POST from the page's button does. The language
    // is the reader's, for the petition's title.
    public async Task<ConfirmResult> InspectAsync(string token, string? language, CancellationToken cancellationToken)
    {
        var found = await FindAsync(token, cancellationToken);
        if (found is null)
            return new ConfirmResult.Unknown();
        // From the cached snapshot, so the translation costs no query of its own.
        var title = (await snapshots.FindAsync(found.Slug, cancellationToken))?.In(language).Title ?? found.Title;
        if (found.Status == SignatureStatus.Confirmed)
        {
            // The token's look-up brought what the receipt needs: no second look-up by token.
            var receipt = await receipts.ForConfirmedAsync(found.SignatureId, found.PetitionId, found.SignedAt,
                counterIncludesIt: found.Counted, cancellationToken);
            return new ConfirmResult.AlreadyConfirmed(found.Slug, title, receipt);
        }
        // Before the expiry: a new link would be no use on a petition that takes no more signatures.
        if (ClosedTo(found, title) is { } closed)
            return closed;
        if (found.ExpiresAt <= clock.GetUtcNow())
            return new ConfirmResult.Expired(found.Slug, title);
        return new ConfirmResult.Ready(found.Slug, title);
    }

    public async Task<ConfirmResult> ConfirmAsync(string token, string? language, CancellationToken cancellationToken)
    {
        if (!ConfirmationToken.LooksValid(token))
            return new ConfirmResult.Unknown();

        var hash = ConfirmationToken.HashOf(token);
        var now = clock.GetUtcNow();
        // Petition.TakesConfirmation, as SQL: the petition's end, plus the grace, is still ahead.
        var endedNoEarlierThan = now - options.Value.ConfirmGraceAfterClose;

        // Guarded updates, not read-then-write: the token is spent and the signature confirmed only
        // if they are still unspent, unexpired and pending at the moment of the update. A double
        // click, two tabs or a replayed request find nothing to update and are told it is done.
        // Both updates are one statement, which also returns what the receipt email needs: one
        // round trip to the database instead of five.
        //
        // The petition's state is part of the same guard, in the token's update as well, so that a
        // link followed after the petition ended (plus the grace) or was delivered spends nothing.
        // The statement that confirms decides, not a check made before it, which a close or a
        // delivery could overtake.
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var confirmed = await db.Database.SqlQuery<Confirmed>($"""
                WITH spent AS (
                    UPDATE confirmation_tokens t SET used_at = {now}
                    FROM signatures ts, petitions tp
                    WHERE t.hash = {hash} AND t.used_at IS NULL AND t.expires_at > {now}
                      AND ts.id = t.signature_id AND tp.id = ts.petition_id
                      AND tp.status <> 'Delivered'
                      AND (LEAST(tp.closes_at, tp.closed_at) IS NULL OR LEAST(tp.closes_at, tp.closed_at) > {endedNoEarlierThan})
                    RETURNING t.signature_id)
                UPDATE signatures s SET status = 'Confirmed', confirmed_at = {now}
                FROM spent, petitions p
                WHERE s.id = spent.signature_id AND s.status = 'Pending' AND p.id = s.petition_id
                RETURNING s.id AS signature_id, s.petition_id, s.signed_at, s.flagged_at IS NULL AS counted,
                          s.name, s.email, s.language, p.slug,
                          COALESCE((SELECT t.title FROM petition_translations t WHERE t.petition_id = p.id AND t.language = s.language), p.title) AS title
                """).ToListAsync(cancellationToken);

            if (confirmed is [var signature])
            {
                // A flagged signature is confirmed like any other, so its signer sees nothing
                // different, but it counts only once a moderator clears it. The UPDATE holds the
                // row's lock, so the flag it returned cannot change before the commit.
                await EmailReceiptAsync(signature, cancellationToken);
                // The counter last, right before the commit: its slot's row lock is held until the
                // commit, and confirmations that pick the same slot queue behind it.
                if (signature.Counted)
                    await counter.AddAsync(signature.PetitionId, 1, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                // The petition's snapshot is dropped after the commit, not inside the transaction:
                // until the commit a page read still finds the old count and would cache it again
                // (for PublicCacheOptions.Lifetime). Dropped now, the next read finds this one.
                snapshots.Changed(signature.PetitionId);
                outbox.WakeSender();
                return new ConfirmResult.Confirmed(signature.Slug, signature.Title);
            }
            await transaction.CommitAsync(cancellationToken);
        }

        return await InspectAsync(token, language, cancellationToken) switch
        {
            // The token was used already, or belongs to a signature confirmed through another email.
            ConfirmResult.Ready ready => new ConfirmResult.AlreadyConfirmed(ready.PetitionSlug, ready.PetitionTitle, Receipt: null),
            var other => other,
        };
    }

    // The supporter's receipt, written to the outbox in the confirming transaction.
    private async Task EmailReceiptAsync(Confirmed signature, CancellationToken cancellationToken)
    {
        if (signature.Email is null)
            return;
        var receipt = await receipts.ForConfirmedAsync(signature.SignatureId, signature.PetitionId, signature.SignedAt,
            counterIncludesIt: false, cancellationToken);
        var (manage, manageToken) = Privacy.ManageToken.For(signature.SignatureId, clock.GetUtcNow());
        db.ManageTokens.Add(manage);
        outbox.Add(emails.Confirmed(signature.Language, signature.Name, signature.Title, signature.Slug, receipt.Number, receipt.Code, manageToken),
            signature.Email, signature.Name);
        await db.SaveChangesAsync(cancellationToken);
    }

    private sealed record Confirmed(
        long SignatureId, int PetitionId, DateTimeOffset SignedAt, bool Counted, string Name, string? Email, string? Language, string Slug, string Title);

    // "Send me a new link" from an expired link's page. The cap on emails per signature applies.
    public async Task<ConfirmResult> SendNewLinkAsync(string token, string? language, CancellationToken cancellationToken)
    {
        var found = await FindAsync(token, cancellationToken);
        if (found is null)
            return new ConfirmResult.Unknown();
        // A signature's petition is never a draft, so its snapshot is there.
        var petition = await snapshots.FindAsync(found.Slug, cancellationToken);
        if (petition is null)
            return new ConfirmResult.Unknown();
        var title = petition.In(language).Title;
        if (ClosedTo(found, title) is { } closed)
            return closed;
        await EmailAgainAsync(found.SignatureId, petition, cancellationToken);
        return new ConfirmResult.Expired(found.Slug, title);
    }

    // The owner of an address asked for a new link (an expired one offers it). The row lock keeps
    // the email cap exact under races.
    private async Task EmailAgainAsync(long signatureId, PetitionSnapshot petition, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var existing = await db.Signatures
            .FromSql($"SELECT * FROM signatures WHERE id = {signatureId} FOR UPDATE")
            .SingleAsync(cancellationToken);

        if (SigningService.NextEmailFor(emails, existing, petition, options.Value.TokenLifetime, clock.GetUtcNow()) is { } content)
        {
            outbox.Add(content, existing.Email!, existing.NameToEmail);
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        outbox.WakeSender();
    }

    private ConfirmResult.Closed? ClosedTo(TokenInfo found, string title)
    {
        var now = clock.GetUtcNow();
        if (Petition.TakesConfirmation(found.PetitionStatus, found.ClosesAt, found.ClosedAt, now, options.Value.ConfirmGraceAfterClose))
            return null;
        return new ConfirmResult.Closed(found.Slug, title, Petition.EndOf(found.ClosesAt, found.ClosedAt) ?? now);
    }

    private async Task<TokenInfo?> FindAsync(string token, CancellationToken cancellationToken)
    {
        if (!ConfirmationToken.LooksValid(token))
            return null;
        return await TokenByHash(db, ConfirmationToken.HashOf(token), cancellationToken);
    }

    // Every confirmation page view and every confirmation runs this look-up: compiled once.
    private static readonly Func<PetitionsDbContext, byte[], CancellationToken, Task<TokenInfo?>> TokenByHash =
        EF.CompileAsyncQuery((PetitionsDbContext db, byte[] hash, CancellationToken _) => (
            from t in db.ConfirmationTokens
            where t.Hash == hash
            join s in db.Signatures on t.SignatureId equals s.Id
            join p in db.Petitions on s.PetitionId equals p.Id
            select new TokenInfo(t.SignatureId, p.Id, p.Slug, p.Title, s.Status, s.SignedAt, s.FlaggedAt == null, t.ExpiresAt, t.UsedAt,
                p.Status, p.ClosesAt, p.ClosedAt))
            .AsNoTracking()
            .SingleOrDefault());

    // Counted: whether the petition's counter counts the signature once confirmed (it is not held
    // for moderation).
    private sealed record TokenInfo(
        long SignatureId, int PetitionId, string Slug, string Title, SignatureStatus Status, DateTimeOffset SignedAt, bool Counted,
        DateTimeOffset ExpiresAt, DateTimeOffset? UsedAt, PetitionStatus PetitionStatus, DateTimeOffset? ClosesAt, DateTimeOffset? ClosedAt);
}
