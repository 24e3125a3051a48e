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
    public async Task<SignatureReceipt?> ForSignatureAsync(long signatureId, CancellationToken cancellationToken)
    {
        var mine = await db.Signatures.AsNoTracking().Where(s => s.Id == signatureId)
            .Select(s => new { s.Id, s.PetitionId, s.SignedAt, s.Status, s.FlaggedAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (mine is not { Status: SignatureStatus.Confirmed })
            return null;

        return await ForConfirmedAsync(mine.Id, mine.PetitionId, mine.SignedAt, counterIncludesIt: mine.FlaggedAt is null,
            cancellationToken);
    }

    // The receipt of a signature known to be confirmed. counterIncludesIt: whether the petition's
    // counter already counts this signature (false inside the confirming transaction before the
    // counter is bumped, and for a signature held for moderation).
    public async Task<SignatureReceipt> ForConfirmedAsync(long signatureId, int petitionId, DateTimeOffset signedAt,
        bool counterIncludesIt, CancellationToken cancellationToken)
    {
        // The place in the delivered list: counted signatures before this one, in the list's order
        // (signed_at, id), plus this one. A signature held for moderation is given the place it
        // will have if approved: its signer is never told of the hold.
        //
        // This is a count, not a number handed out at confirmation, on purpose: the list is in the
        // order people signed, and people confirm in another order, so a number from a counter
        // bumped at confirmation would differ from the line the supporter finds in the delivered
        // list. Counting the signatures before this one would cost a petition's whole length on
        // every confirmation; so it counts those after it instead, and takes them from the count
        // (the counter slots, kept in step with the signatures in the same transactions). Someone
        // confirms minutes after signing, so "after" is the last few minutes' signatures: a short
        // range at the end of ix_signatures_delivered_list, whatever the petition's size. Both
        // are read by one statement, so they agree. QueryPlanTests checks the plan.
        var counterMinusAfter = await db.Database.SqlQueryRaw<long>($$"""
            SELECT (SELECT coalesce(sum(count), 0) FROM signature_counter_slots WHERE petition_id = {0})::bigint
                 - (SELECT count(*) FROM signatures
                    WHERE petition_id = {0} AND {{Signature.CountedSql}}
                      AND (signed_at, id) > ({1}, {2})) AS "Value"
            """, petitionId, signedAt, signatureId).SingleAsync(cancellationToken);
        var key = await keys.GetAsync(cancellationToken);
        return new SignatureReceipt(counterMinusAfter + (counterIncludesIt ? 0 : 1), ReceiptCode.For(key, signatureId));
    }
}
