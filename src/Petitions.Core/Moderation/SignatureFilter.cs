using Petitions.Core.Abuse;
using Petitions.Core.Signing;
using Petitions.Core.Text;

namespace Petitions.Core.Moderation;

// A checked filter, ready to become SQL. Made only from input the validator has accepted.
public sealed record SignatureFilter(
    ModerationState? State,
    string? NameContains,
    string? EmailIs,
    string? EmailContains,
    string? Domain,
    string? Country,
    IpRange? Ip,
    DateOnly? From,
    DateOnly? To)
{
    public static SignatureFilter All { get; } = new(null, null, null, null, null, null, null, null, null);

    public static SignatureFilter Parse(SignatureFilterInput input)
    {
        ModerationState? state = ModerationStates.TryParse(input.Status, out var s) ? s : null;

        // A whole address is looked up the way signing stores it, so any spelling that reaches the
        // same inbox finds the signature; part of an address is searched for within the stored form.
        var email = Blank(input.Email);
        string? emailIs = null, emailContains = null;
        if (email is not null && EmailAddresses.IsValid(email))
            emailIs = EmailAddresses.Normalize(email);
        else if (email is not null)
            emailContains = email.ToLowerInvariant();

        return new SignatureFilter(
            state,
            Blank(input.Name),
            emailIs,
            emailContains,
            EmailDomains.TryNormalize(input.Domain, out var domain) ? domain : null,
            Blank(input.Country)?.ToUpperInvariant(),
            IpRange.TryParse(input.Ip, out var ip) ? ip : null,
            SignatureFilterInput.TryParseDate(input.From, out var from) ? from : null,
            SignatureFilterInput.TryParseDate(input.To, out var to) ? to : null);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
