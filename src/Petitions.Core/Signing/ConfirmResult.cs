namespace Petitions.Core.Signing;

public abstract record ConfirmResult
{
    public sealed record Ready(string PetitionSlug, string PetitionTitle) : ConfirmResult;
    public sealed record Confirmed(string PetitionSlug, string PetitionTitle) : ConfirmResult;
    public sealed record AlreadyConfirmed(string PetitionSlug, string PetitionTitle) : ConfirmResult;
    public sealed record Expired(string PetitionSlug, string PetitionTitle) : ConfirmResult;
    public sealed record Unknown : ConfirmResult;
}
