using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Core.Counting;
using Petitions.Core.Data;
using Petitions.Core.Email;
using Petitions.Core.Publishing;
using Petitions.Core.Signing;
using Petitions.Core.Updates;

namespace Petitions.Core.Privacy;

// A signer's rights over their signature, exercised through the link in their emails: no account,
// the link is the key. Opening the link changes nothing; every action is a POST.
public sealed class SignatureManagement(
    PetitionsDbContext db,
    SignatureCounter counter,
    PetitionSnapshots snapshots,
    SignatureEmails emails,
    AccessCopy accessCopy,
    Unsubscribing unsubscribing,
    Outbox outbox,
    AuditLog audit,
    TimeProvider clock)
{
    // Signers have no staff account; the audit log names the channel, never the person.
    public static readonly Actor Signer = new(null, "signer (own email link)", null);

    public async Task<SignatureChoices?> InspectAsync(string token, CancellationToken cancellationToken) =>
        await FindAsync(token, cancellationToken) is { } id ? await ChoicesAsync(id, cancellationToken) : null;

    public async Task<WithdrawResult> WithdrawAsync(string token, CancellationToken cancellationToken)
    {
        if (await FindAsync(token, cancellationToken) is not { } signatureId)
            return new WithdrawResult.Unknown();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Tokens first, then the signature: the order confirmation takes its locks in, so a
        // confirmation racing this withdrawal waits for it instead of deadlocking. Undone by the
        // rollback if the withdrawal is refused below.
        await db.ConfirmationTokens.Where(t => t.SignatureId == signatureId).ExecuteDeleteAsync(cancellationToken);
        // The row lock makes this a guarded change: a second request for the same signature waits
        // here and then finds it withdrawn. The share lock on the petition holds off its being
        // marked delivered until this commits, so no withdrawal slips past delivery.
        var signature = await db.Signatures
            .FromSql($"SELECT * FROM signatures WHERE id = {signatureId} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        if (signature is null)
            return new WithdrawResult.Unknown();
        var petition = await db.Petitions
            .FromSql($"SELECT * FROM petitions WHERE id = {signature.PetitionId} FOR SHARE")
            .AsNoTracking().SingleAsync(cancellationToken);

        if (signature.Status == SignatureStatus.Withdrawn)
            return new WithdrawResult.AlreadyWithdrawn(petition.Slug, petition.Title);
        if (petition.Status == PetitionStatus.Delivered)
            return new WithdrawResult.TooLate(Choices(signature, petition));

        var address = signature.Email;
        var othersStanding = signature.NormalizedEmail is { } normalized && await db.Signatures
            .AnyAsync(s => s.NormalizedEmail == normalized && s.Id != signatureId && s.Status != SignatureStatus.Withdrawn, cancellationToken);
        var outcome = signature.Withdraw(clock.GetUtcNow());
        if (outcome == WithdrawOutcome.WithdrawnFromCount)
            await counter.AddAsync(petition.Id, -1, cancellationToken);
        await db.ManageTokens.Where(t => t.SignatureId == signatureId).ExecuteDeleteAsync(cancellationToken);
        if (address is not null)
            await DeleteEmailsToAsync(address, keepUnsent: othersStanding, cancellationToken);
        audit.Record(Signer, AuditActions.SignatureWithdrawn, $"petition {petition.Slug}",
            $"signature {signature.Id}; personal data erased" + (outcome == WithdrawOutcome.WithdrawnFromCount ? "; count down by 1" : ""));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (outcome == WithdrawOutcome.WithdrawnFromCount)
            snapshots.Changed(petition.Id);
        return new WithdrawResult.Withdrawn(petition.Slug, petition.Title);
    }

    // The outbox keeps each email's body, with the signer's name and links, until the retention
    // job deletes it days after sending; a withdrawal removes them at once instead, sent or not,
    // so nothing of the signer is left in the outbox. An email still queued is cancelled by the
    // same delete. Outbox rows name an address, not a signature: when the same address still has
    // a signature standing on another petition, its unsent emails are left to go out (one may be
    // that signature's confirmation link); they are deleted once sent, with the rest.
    private async Task DeleteEmailsToAsync(string address, bool keepUnsent, CancellationToken cancellationToken)
    {
        var lowered = address.ToLowerInvariant();
        var emails = db.OutboxMessages.Where(m => m.ToAddress.ToLower() == lowered);
        if (keepUnsent)
            emails = emails.Where(m => m.SentAt != null || m.FailedAt != null);
        await emails.ExecuteDeleteAsync(cancellationToken);
    }

    // Null when the link is unknown. The same unsubscribing as the link in an update email, so it
    // stops the petition-service notices too and is kept in the consent history; saying no twice
    // is no different from once.
    public async Task<SignatureChoices?> StopUpdatesAsync(string token, CancellationToken cancellationToken)
    {
        if (await FindAsync(token, cancellationToken) is not { } signatureId)
            return null;
        await unsubscribing.UnsubscribeAsync(signatureId, ConsentEventSource.ManagePage, cancellationToken);
        return await ChoicesAsync(signatureId, cancellationToken);
    }

    // The copy goes to the signature's own address, never onto the page: whoever holds a
    // forwarded link learns nothing from it that the inbox's owner did not already have. Each
    // copy counts toward the signature's email cap; the row lock keeps the cap exact when the
    // button is pressed in two tabs at once.
    public async Task<CopyResult> SendCopyAsync(string token, CancellationToken cancellationToken)
    {
        if (await FindAsync(token, cancellationToken) is not { } signatureId)
            return new CopyResult.Unknown();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var signature = await db.Signatures
            .FromSql($"SELECT * FROM signatures WHERE id = {signatureId} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        if (signature is null || signature.Status == SignatureStatus.Withdrawn)
            return new CopyResult.Unknown();
        if (!signature.CountEmailForCopy())
            return await ChoicesAsync(signatureId, cancellationToken) is { } unchanged ? new CopyResult.TooManyEmails(unchanged) : new CopyResult.Unknown();
        // Saved first, so the copy reports the emails sent including itself.
        await db.SaveChangesAsync(cancellationToken);
        var copy = await accessCopy.ForAsync(signatureId, cancellationToken);
        if (copy is null)
            return new CopyResult.Unknown();
        // The copy lists the name held, as the signer asked; the greeting and the To header name
        // them only once their address is confirmed, like every other email.
        outbox.Add(emails.AccessCopy(copy.Language, signature.NameToEmail, copy.Text), copy.Email, signature.NameToEmail);
        audit.Record(Signer, AuditActions.SignatureCopySent, $"petition {copy.PetitionSlug}", $"signature {signatureId}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outbox.WakeSender();
        return await ChoicesAsync(signatureId, cancellationToken) is { } choices ? new CopyResult.Sent(choices) : new CopyResult.Unknown();
    }

    private async Task<long?> FindAsync(string token, CancellationToken cancellationToken)
    {
        if (!ConfirmationToken.LooksValid(token))
            return null;
        var hash = ConfirmationToken.HashOf(token);
        return await db.ManageTokens.AsNoTracking().Where(t => t.Hash == hash)
            .Select(t => (long?)t.SignatureId).SingleOrDefaultAsync(cancellationToken);
    }

    private async Task<SignatureChoices?> ChoicesAsync(long signatureId, CancellationToken cancellationToken) =>
        await (
            from s in db.Signatures
            where s.Id == signatureId && s.Status != SignatureStatus.Withdrawn
            join p in db.Petitions on s.PetitionId equals p.Id
            select new SignatureChoices(p.Slug, p.Title, s.Status, s.WantsUpdates,
                p.Status == PetitionStatus.Delivered ? p.DeliveredOn : null) { Unsubscribed = s.UnsubscribedAt != null })
            .AsNoTracking()
            .SingleOrDefaultAsync(cancellationToken);

    private static SignatureChoices Choices(Signature signature, Petition petition) =>
        new(petition.Slug, petition.Title, signature.Status, signature.WantsUpdates,
            petition.Status == PetitionStatus.Delivered ? petition.DeliveredOn : null) { Unsubscribed = signature.UnsubscribedAt != null };
}
