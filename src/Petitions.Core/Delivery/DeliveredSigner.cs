using System.Net;
using Petitions.Core.Signing;

namespace Petitions.Core.Delivery;

// One line of the delivered list. Number is the signer's place in the list, counting from 1 in
// the order signed. Name is null when the signer asked to be left out of the list: the query
// never reads a withheld name, so no renderer can print one.
public sealed record DeliveredSigner(
    long Number,
    string? Name,
    string? City,
    string Country,
    DateTimeOffset SignedAt,
    string Receipt,
    SignatureSource Source,
    int PetitionVersion,
    string? Language = null)
{
    // The language the signer read the petition and agreed in, as a BCP 47 tag ("ko", "zh-Hant");
    // empty for paper signatures and for those made before languages were recorded.
    public string LanguageTag => Language ?? "";
    public bool NameWithheld => Name is null;
    public string DisplayName => Name ?? DeliveryRules.WithheldName;
    public string CountryName => Countries.NameOf(Country);
    public string SignedOn => SignedAt.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

// A line of the staff-only list: the delivered line, and what an audit needs to trace it.
public sealed record AuditedSigner(
    DeliveredSigner Line,
    long SignatureId,
    string Name,
    bool NameWithheld,
    string? Email,
    SignatureStatus Status,
    IPAddress? IpAddress,
    DateTimeOffset? ConfirmedAt);
