using System.Net;

namespace Petitions.Core.Abuse;

// An address, address range, email domain or email address that is always flagged (Block) or
// never held to the rate rules (Allow).
public sealed class AccessListEntry
{
    private AccessListEntry() { }

    public AccessListEntry(AccessList list, AccessKind kind, string value, string? note, string createdBy, DateTimeOffset now)
    {
        List = list;
        Kind = kind;
        Value = value;
        Note = note;
        CreatedBy = createdBy;
        CreatedAt = now;
    }

    public long Id { get; private set; }
    public AccessList List { get; private set; }
    public AccessKind Kind { get; private set; }
    public string Value { get; private set; } = "";
    public string? Note { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    public bool Matches(IPAddress? ip, string? normalizedEmail) => Kind switch
    {
        AccessKind.IpRange => ip is not null && IPNetwork.TryParse(Value, out var network) && network.Contains(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip),
        AccessKind.EmailDomain => normalizedEmail is not null && normalizedEmail.EndsWith("@" + Value, StringComparison.OrdinalIgnoreCase),
        AccessKind.EmailAddress => normalizedEmail is not null && normalizedEmail.Equals(Value, StringComparison.OrdinalIgnoreCase),
        _ => false,
    };
}

public enum AccessList
{
    Block,
    Allow,
}

public enum AccessKind
{
    IpRange,
    EmailDomain,
    EmailAddress,
}
