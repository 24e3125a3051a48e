using Petitions.Core.Signing;

namespace Petitions.Core.Privacy;

// What a signer's own page shows: enough to choose, nothing more.
public sealed record SignatureChoices(
    string PetitionSlug,
    string PetitionTitle,
    SignatureStatus Status,
    bool WantsUpdates,
    DateOnly? DeliveredOn)
{
    // Once delivered, the list is in the recipient's hands: taking a name out of our copy would
    // not take it out of theirs, and would make the delivered total unverifiable.
    public bool CanWithdraw => DeliveredOn is null;

    // Asked for no more email about the petition (Updates/Unsubscribing): no updates, and none of
    // the notices that go to every supporter, such as the petition's delivery.
    public bool Unsubscribed { get; init; }
}

public abstract record WithdrawResult
{
    public sealed record Withdrawn(string PetitionSlug, string PetitionTitle) : WithdrawResult;
    public sealed record AlreadyWithdrawn(string PetitionSlug, string PetitionTitle) : WithdrawResult;
    public sealed record TooLate(SignatureChoices Choices) : WithdrawResult;
    public sealed record Unknown : WithdrawResult;
}

public abstract record CopyResult
{
    public sealed record Sent(SignatureChoices Choices) : CopyResult;

    // The signature has caused all the emails one signature may (SignatureRules.MaxEmailsPerSignature).
    public sealed record TooManyEmails(SignatureChoices Choices) : CopyResult;

    public sealed record Unknown : CopyResult;
}
