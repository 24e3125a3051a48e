using Microsoft.EntityFrameworkCore;
using Petitions.Core.Counting;
using Petitions.Core.Data;
using Petitions.Core.Delivery;
using Petitions.Core.Email;

namespace Petitions.Core.Signing;

public sealed class ConfirmationService(
    PetitionsDbContext db,
    SignatureCounter counter,
    SigningService signing,
    DeliveryReceipts receipts,
    SignatureEmails emails,
    Outbox outbox,
    Petitions.PetitionSnapshots snapshots,
    TimeProvider clock)
{
    // What the link is good for, without changing anything: opening a link must never confirm,
    // because mail scanners open links. Only the POST from the page's button does.
    public async Task<ConfirmResult> InspectAsync(string token, CancellationToken cancellationToken)
    {
        var found = await FindAsync(token, cancellationToken);
        if (found is null)
            return new ConfirmResult.Unknown();
        if (found.Status == SignatureStatus.Confirmed)
            return new ConfirmResult.AlreadyConfirmed(found.Slug, found.Title);
        if (found.ExpiresAt <= clock.GetUtcNow())
            return new ConfirmResult.Expired(found.Slug, found.Title);
        return new ConfirmResult.Ready(found.Slug, found.Title);
    }

    public async Task<ConfirmResult> ConfirmAsync(string token, CancellationToken cancellationToken)
    {
        if (!ConfirmationToken.LooksValid(token))
            return new ConfirmResult.Unknown();

        var hash = ConfirmationToken.HashOf(token);
        var now = clock.GetUtcNow();

        // Guarded updates, not read-then-write: the token is spent and the signature confirmed only
        // if they are still unspent, unexpired and pending at the moment of the update. A double
        // click, two tabs or a replayed request find nothing to update and are told it is done.
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var signatureIds = await db.Database.SqlQuery<long>($"""
                UPDATE confirmation_tokens SET used_at = {now}
                WHERE hash = {hash} AND used_at IS NULL AND expires_at > {now}
                RETURNING signature_id AS "Value"
                """).ToListAsync(cancellationToken);

            if (signatureIds.Count == 1)
            {
                var petitionIds = await db.Database.SqlQuery<int>($"""
                    UPDATE signatures SET status = 'Confirmed', confirmed_at = {now}
                    WHERE id = {signatureIds[0]} AND status = 'Pending'
                    RETURNING petition_id AS "Value"
                    """).ToListAsync(cancellationToken);
                // A flagged signature is confirmed like any other, so its signer sees nothing
                // different, but it counts only once a moderator clears it. The UPDATE above holds
                // the row's lock, so the flag cannot change between it and this read.
                if (petitionIds.Count == 1 && await db.Database.SqlQuery<bool>(
                        $"SELECT flagged_at IS NULL AS \"Value\" FROM signatures WHERE id = {signatureIds[0]}").SingleAsync(cancellationToken))
                    await counter.AddAsync(petitionIds[0], 1, cancellationToken);

                if (petitionIds.Count == 1)
                {
                    var petition = await db.Petitions.AsNoTracking().Where(p => p.Id == petitionIds[0])
                        .Select(p => new { p.Slug, p.Title }).SingleAsync(cancellationToken);
                    await EmailReceiptAsync(signatureIds[0], petition.Slug, petition.Title, cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    // Again after the commit (the counter dropped it before): a page read between the
                    // two may have cached the count without this confirmation.
                    snapshots.Changed(petitionIds[0]);
                    outbox.WakeSender();
                    return new ConfirmResult.Confirmed(petition.Slug, petition.Title);
                }
                await transaction.CommitAsync(cancellationToken);
            }
        }

        return await InspectAsync(token, cancellationToken) switch
        {
            // The token was used already, or belongs to a signature confirmed through another email.
            ConfirmResult.Ready ready => new ConfirmResult.AlreadyConfirmed(ready.PetitionSlug, ready.PetitionTitle),
            var other => other,
        };
    }

    // The supporter's receipt, written to the outbox in the confirming transaction.
    private async Task EmailReceiptAsync(long signatureId, string slug, string title, CancellationToken cancellationToken)
    {
        var signer = await db.Signatures.AsNoTracking().Where(s => s.Id == signatureId)
            .Select(s => new { s.Name, s.Email }).SingleAsync(cancellationToken);
        var receipt = await receipts.ForSignatureAsync(signatureId, cancellationToken);
        if (signer.Email is null || receipt is null)
            return;
        var (manage, manageToken) = Privacy.ManageToken.For(signatureId, clock.GetUtcNow());
        db.ManageTokens.Add(manage);
        outbox.Add(emails.Confirmed(signer.Name, title, slug, receipt.Number, receipt.Code, manageToken), signer.Email, signer.Name);
        await db.SaveChangesAsync(cancellationToken);
    }

    // "Send me a new link" from an expired link's page. The cap on emails per signature applies.
    public async Task<ConfirmResult> SendNewLinkAsync(string token, CancellationToken cancellationToken)
    {
        var found = await FindAsync(token, cancellationToken);
        if (found is null)
            return new ConfirmResult.Unknown();
        var petition = await db.Petitions.AsNoTracking().SingleAsync(p => p.Id == found.PetitionId, cancellationToken);
        await signing.EmailAgainAsync(found.SignatureId, petition, cancellationToken);
        return new ConfirmResult.Expired(found.Slug, found.Title);
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
            select new TokenInfo(t.SignatureId, p.Id, p.Slug, p.Title, s.Status, t.ExpiresAt, t.UsedAt))
            .AsNoTracking()
            .SingleOrDefault());

    private sealed record TokenInfo(
        long SignatureId, int PetitionId, string Slug, string Title, SignatureStatus Status, DateTimeOffset ExpiresAt, DateTimeOffset? UsedAt);
}
