using Petitions.Core.Text;

namespace Petitions.Core.Signing;

// Field sizes shared by the validator and the EF configuration, so the two never disagree.
public static class SignatureRules
{
    public const int NameMaxLength = 200;
    public const int EmailMaxLength = EmailAddresses.MaxLength;
    public const int CityMaxLength = 100;
    public const int CommentMaxLength = 500;
    public const int UserAgentMaxLength = 512;
    public const int CountryLength = 2;
    public const int MaxEmailsPerSignature = 5;
    // Why a signature was flagged or invalidated.
    public const int ReasonMaxLength = 500;

    // A signer's name is shown publicly and printed in the delivered list: one that holds a web
    // address is an advertisement, not a name. Online and paper signatures are held to the same rule.
    public static bool HasWebAddress(string name) =>
        name.Contains("http://", StringComparison.OrdinalIgnoreCase)
        || name.Contains("https://", StringComparison.OrdinalIgnoreCase)
        || name.Contains("www.", StringComparison.OrdinalIgnoreCase);
}
