using System.Globalization;
using System.Text;
using MimeKit;

namespace Petitions.Core.Signing;

public static class EmailAddresses
{
    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    // The key for "has this person signed already?". Two spellings that reach the same inbox must
    // give the same key, or a supporter could sign twice by adding a dot to a Gmail address.
    public static string Normalize(string email)
    {
        var trimmed = email.Trim();
        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || at == trimmed.Length - 1)
            throw new FormatException("An email address needs a part before and after the @.");

        var local = trimmed[..at].ToLowerInvariant();
        var domain = Idn.GetAscii(trimmed[(at + 1)..].TrimEnd('.')).ToLowerInvariant();

        if (domain is "gmail.com" or "googlemail.com")
        {
            var plus = local.IndexOf('+');
            if (plus >= 0)
                local = local[..plus];
            local = local.Replace(".", "");
            domain = "gmail.com";
        }

        return $"{local}@{domain}";
    }

    // Stricter than "contains an @": the address must be one MailKit can send to, with a dotted
    // domain that maps to ASCII, and no characters that could break out of a mail header.
    public static bool IsValid(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
            return false;
        var trimmed = email.Trim();
        if (trimmed.Length > SignatureRules.EmailMaxLength || trimmed.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
            return false;
        if (trimmed.Count(c => c == '@') != 1)
            return false;

        var at = trimmed.IndexOf('@');
        var local = trimmed[..at];
        var domain = trimmed[(at + 1)..];
        if (local.Length is 0 or > 64 || local.StartsWith('.') || local.EndsWith('.') || local.Contains(".."))
            return false;
        if (local.Any(c => c is '"' or '(' or ')' or ',' or ':' or ';' or '<' or '>' or '[' or ']' or '\\'))
            return false;

        string asciiDomain;
        try
        {
            asciiDomain = Idn.GetAscii(domain);
        }
        catch (ArgumentException)
        {
            return false;
        }
        var labels = asciiDomain.Split('.');
        if (labels.Length < 2 || labels.Any(l => l.Length == 0) || labels[^1].Length < 2 || labels[^1].All(char.IsAsciiDigit))
            return false;

        return MailboxAddress.TryParse(ParserOptions.Default, $"{local}@{asciiDomain}", out var parsed)
            && parsed.GetAddress(idnEncode: true).Equals($"{local}@{asciiDomain}", StringComparison.OrdinalIgnoreCase)
            && Encoding.UTF8.GetByteCount(local) <= 64;
    }
}
