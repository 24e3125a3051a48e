namespace Petitions.Core.Signing;

public abstract record ConfirmResult
{
    public sealed record Ready(string PetitionSlug, string PetitionTitle) : ConfirmResult;
    public sealed record Confirmed(string PetitionSlug, string PetitionTitle) : ConfirmResult;
    public sealed record AlreadyConfirmed(string PetitionSlug, string PetitionTitle) : ConfirmResult;
    public sealed record Expired(string PetitionSlug, string PetitionTitle) : ConfirmResult;
    // The petition ended more than the grace period ago, or was delivered: nothing was changed.
    public sealed record Closed(string PetitionSlug, string PetitionTitle, DateTimeOffset ClosedOn) : ConfirmResult;
    public sealed record Unknown : ConfirmResult;
}
