using System.Globalization;
using System.Text;
using MimeKit;

namespace Petitions.Core.Text;

public static class EmailAddresses
{
    // The longest address a mail server has to accept (RFC 5321's path limit, less the brackets).
    public const int MaxLength = 254;

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
        if (trimmed.Length > MaxLength || trimmed.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
            return false;
        // Invisible characters (U+200B, U+FEFF, soft hyphen) are dropped by IDNA, so the address
        // would look valid while the stored text holds characters nobody typed on purpose.
        if (!TextRules.IsOneLine(trimmed) || trimmed.EnumerateRunes().Any(TextRules.IsInvisible))
            return false;
        if (MixesAlphabets(trimmed))
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

    // A field error rather than a silent flag: "pаypal@example.com" or "user@gmаil.com" with a
    // Cyrillic а is a different mailbox from the one it looks like, so the confirmation email
    // would go to a stranger (or to whoever registered the look-alike domain). Nobody's own
    // address mixes alphabets inside one word, so the likely cause is a keyboard switched
    // mid-word, which the signer can fix once told. Whole words in one alphabet (пример.рф,
    // 例え.jp) are fine.
    public static bool MixesAlphabets(string? email)
    {
        if (email is null)
            return false;
        foreach (var word in email.Trim().Split('@', '.', '-', '_', '+'))
        {
            var alphabets = word.EnumerateRunes().Select(AlphabetOf).Where(a => a != Alphabet.Other).Distinct().Count();
            if (alphabets > 1)
                return true;
        }
        return false;
    }

    private enum Alphabet { Other, Latin, Cyrillic, Greek }

    // The three alphabets whose letters are confused with one another.
    private static Alphabet AlphabetOf(Rune rune) => rune.Value switch
    {
        >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= 0xC0 and <= 0x24F and not 0xD7 and not 0xF7 or >= 0x1E00 and <= 0x1EFF => Alphabet.Latin,
        >= 0x400 and <= 0x52F or >= 0x1C80 and <= 0x1C8F or >= 0x2DE0 and <= 0x2DFF or >= 0xA640 and <= 0xA69F => Alphabet.Cyrillic,
        >= 0x370 and <= 0x3FF or >= 0x1F00 and <= 0x1FFF => Alphabet.Greek,
        _ => Alphabet.Other,
    };
}
