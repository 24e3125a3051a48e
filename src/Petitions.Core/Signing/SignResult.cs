namespace Petitions.Core.Signing;

public abstract record SignResult
{
    // New, pending and already-confirmed addresses all end here: the page is the same,
    // only the email differs, so nobody can learn from the page whether an address has signed.
    public sealed record Accepted(string PetitionSlug) : SignResult;
    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : SignResult;
    public sealed record Closed(string PetitionSlug) : SignResult;
    public sealed record NotFound : SignResult;
}
