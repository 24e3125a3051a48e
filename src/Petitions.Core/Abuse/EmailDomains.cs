using Petitions.Core.Text;

namespace Petitions.Core.Abuse;

public static class EmailDomains
{
    // A domain as the database stores it in email_domain: the domain part of a normalised
    // address, so "@GoogleMail.com" finds gmail.com signers and "bücher.de" finds xn--bcher-kva.de.
    public static bool TryNormalize(string? text, out string domain)
    {
        domain = "";
        var trimmed = text?.Trim().TrimStart('@') ?? "";
        if (trimmed.Length == 0 || !EmailAddresses.IsValid($"x@{trimmed}"))
            return false;
        var normalized = EmailAddresses.Normalize($"x@{trimmed}");
        domain = normalized[(normalized.LastIndexOf('@') + 1)..];
        return true;
    }
}
