namespace Petitions.Core.Signing;

// Field sizes shared by the validator and the EF configuration, so the two never disagree.
public static class SignatureRules
{
    public const int NameMaxLength = 200;
    public const int EmailMaxLength = 254;
    public const int CityMaxLength = 100;
    public const int CommentMaxLength = 500;
    public const int UserAgentMaxLength = 512;
    public const int CountryLength = 2;
    public const int MaxEmailsPerSignature = 5;
    // Why a signature was flagged or invalidated.
    public const int ReasonMaxLength = 500;
}
