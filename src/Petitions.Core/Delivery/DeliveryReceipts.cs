using Microsoft.EntityFrameworkCore;
using Petitions.Core.Data;
using Petitions.Core.Signing;

namespace Petitions.Core.Delivery;

// What a confirmed supporter is told so they can find themselves in the delivered list.
//
// The receipt code (see ReceiptCode) is fixed for good and is printed beside their line in the
// PDF and the CSV. The number is their place in the list as it stands now: the list is in the
// order people signed, so it can still move a little before delivery, when someone who signed
// earlier confirms later or a signature is removed. The page says so; the code is what to look for.
public sealed record SignatureReceipt(long Number, string Code);

public sealed class DeliveryReceipts(PetitionsDbContext db, ReceiptKeys keys)
{
    public async Task<SignatureReceipt?> ForTokenAsync(string token, CancellationToken cancellationToken)
    {
        if (!ConfirmationToken.LooksValid(token))
            return null;
        var hash = ConfirmationToken.HashOf(token);
        var signatureId = await db.ConfirmationTokens.AsNoTracking().Where(t => t.Hash == hash)
            .Select(t => (long?)t.SignatureId).SingleOrDefaultAsync(cancellationToken);
        return signatureId is { } id ? await ForSignatureAsync(id, cancellationToken) : null;
    }

    public async Task<SignatureReceipt?> ForSignatureAsync(long signatureId, CancellationToken cancellationToken)
    {
        var mine = await db.Signatures.AsNoTracking().Where(s => s.Id == signatureId)
            .Select(s => new { s.Id, s.PetitionId, s.SignedAt, s.Status })
            .SingleOrDefaultAsync(cancellationToken);
        if (mine is not { Status: SignatureStatus.Confirmed })
            return null;

        // Counted signatures before this one, in the list's order, plus this one. A signature held
        // for moderation is given the place it will have if approved: its signer is never told of
        // the hold.
        //
        // This is a count, not a number handed out at confirmation, on purpose: the list is in the
        // order people signed, and people confirm in another order, so a number from a counter
        // bumped at confirmation would differ from the line the supporter finds in the delivered
        // list. The count is kept cheap instead: the row comparison is a range of
        // ix_signatures_delivered_list, whose filter is exactly "counted" and whose columns are
        // exactly these, so PostgreSQL counts index entries (an index-only scan) and reads no
        // signature rows. ReceiptTests checks the plan.
        var before = await db.Database.SqlQuery<long>($"""
            SELECT count(*) AS "Value" FROM signatures
            WHERE petition_id = {mine.PetitionId} AND status = 'Confirmed' AND flagged_at IS NULL
              AND (signed_at, id) < ({mine.SignedAt}, {mine.Id})
            """).SingleAsync(cancellationToken);
        var key = await keys.GetAsync(cancellationToken);
        return new SignatureReceipt(before + 1, ReceiptCode.For(key, mine.Id));
    }
}
