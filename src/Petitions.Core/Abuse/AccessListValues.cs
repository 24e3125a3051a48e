using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Petitions.Core.Text;

namespace Petitions.Core.Abuse;

// Turns what staff type into the one stored form of an access list value, so that the unique
// index sees "203.0.113.7" and "203.0.113.7/32" as one entry, and an email entry compares equal
// to the normalised address a signature carries (a block on "googlemail.com" is a block on
// "gmail.com", just as the two are one signer).
public static class AccessListValues
{
    public const int ValueMaxLength = 256;
    public const int NoteMaxLength = 500;

    public static AccessListValue Normalize(AccessKind kind, string input) => kind switch
    {
        AccessKind.IpRange => NormalizeRange(input.Trim()),
        AccessKind.EmailDomain => NormalizeDomain(input.Trim()),
        AccessKind.EmailAddress => EmailAddresses.IsValid(input)
            ? new AccessListValue.Valid(EmailAddresses.Normalize(input))
            : new AccessListValue.Invalid("Rules.EmailAddressFormat"),
        _ => new AccessListValue.Invalid("Rules.KindRequired"),
    };

    public static string Describe(AccessKind kind, string value) => kind switch
    {
        AccessKind.IpRange when IsSingleAddress(value) => $"IP address {value[..value.IndexOf('/')]}",
        AccessKind.IpRange => $"IP range {value}",
        AccessKind.EmailDomain => $"email domain {value}",
        _ => $"email address {value}",
    };

    public static string KindName(AccessKind kind) => kind switch
    {
        AccessKind.IpRange => "IP address or range",
        AccessKind.EmailDomain => "Email domain",
        _ => "Email address",
    };

    internal static bool IsSingleAddress(string value) => value.EndsWith("/32", StringComparison.Ordinal) || value.EndsWith("/128", StringComparison.Ordinal);

    private static AccessListValue NormalizeRange(string input)
    {
        const string format = "Rules.IpRangeFormat";
        var slash = input.IndexOf('/');
        var addressPart = slash < 0 ? input : input[..slash];
        if (!IPAddress.TryParse(addressPart, out var address) || address.ToString().Contains('%') || !LooksLikeAnAddress(addressPart, address))
            return new AccessListValue.Invalid(format);
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();

        var maxPrefix = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = maxPrefix;
        if (slash >= 0 && !(int.TryParse(input[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out prefix) && prefix <= maxPrefix))
            return new AccessListValue.Invalid(format);
        if (prefix == 0)
            return new AccessListValue.Invalid("Rules.IpRangeEverything");

        var network = new IPNetwork(Masked(address, prefix), prefix);
        if (!network.BaseAddress.Equals(address))
            return new AccessListValue.Invalid("Rules.IpRangeNotStart", input, network.ToString());
        return new AccessListValue.Valid(network.ToString());
    }

    // IPAddress.TryParse takes "1" for 0.0.0.1 and "10.1" for 10.0.0.1; nobody typing those
    // into a block list means them.
    private static bool LooksLikeAnAddress(string text, IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 || text.Count(c => c == '.') == 3;

    private static IPAddress Masked(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var bitsKept = Math.Clamp(prefix - i * 8, 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - bitsKept));
        }
        return new IPAddress(bytes);
    }

    private static AccessListValue NormalizeDomain(string input)
    {
        var domain = input.StartsWith('@') ? input[1..] : input;
        if (domain.Contains('@'))
            return new AccessListValue.Invalid("Rules.DomainIsAddress");
        if (domain.Length == 0 || !EmailAddresses.IsValid($"x@{domain}"))
            return new AccessListValue.Invalid("Rules.DomainFormat");
        var normalized = EmailAddresses.Normalize($"x@{domain}");
        return new AccessListValue.Valid(normalized[(normalized.IndexOf('@') + 1)..]);
    }
}

public abstract record AccessListValue
{
    public sealed record Valid(string Value) : AccessListValue;
    // Key: the RulesMessages key of the message for staff, with its arguments.
    public sealed record Invalid(string Key, params string[] Args) : AccessListValue;
}
