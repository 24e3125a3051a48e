using Petitions.Core.Delivery;

namespace Petitions.Core.Signing;

// The petition's title is in the reader's language where staff have translated it, except in
// Confirmed, whose title is the one the receipt email was written with.
public abstract record ConfirmResult
{
    public sealed record Ready(string PetitionSlug, string PetitionTitle) : ConfirmResult;
    public sealed record Confirmed(string PetitionSlug, string PetitionTitle) : ConfirmResult;
    // Receipt: the supporter's place in the delivered list and the code printed beside it. Null
    // when the signature behind a spent link is not confirmed after all (an invalidated one, say).
    public sealed record AlreadyConfirmed(string PetitionSlug, string PetitionTitle, SignatureReceipt? Receipt) : ConfirmResult;
    public sealed record Expired(string PetitionSlug, string PetitionTitle) : ConfirmResult;
    // The petition ended more than the grace period ago, or was delivered: nothing was changed.
    public sealed record Closed(string PetitionSlug, string PetitionTitle, DateTimeOffset ClosedOn) : ConfirmResult;
    public sealed record Unknown : ConfirmResult;
}
