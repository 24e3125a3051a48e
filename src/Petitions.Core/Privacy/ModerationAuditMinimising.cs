using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Petitions.Core.Audit;
using Petitions.Core.Moderation;

namespace Petitions.Core.Privacy;

// A moderation audit entry says who changed how many signatures, why, and by which filter. The
// filter can name a signer (name, email, IP address) and the reason is free text a moderator may
// have pasted an address into. Once the entry is older than the IP-address window, the retention
// job keeps what was done (action, count, count change, the reason's words and the filter's
// non-personal fields) and removes those values: the filter becomes the form the entry was
// written with beside it, and email and IP addresses in the reason become "(removed)".
public static partial class ModerationAuditMinimising
{
    public static readonly string[] Actions =
        [AuditActions.SignatureInvalidated, AuditActions.SignatureRestored, AuditActions.SignatureApproved];

    // Written into the details once done, so that the next run passes the entry by.
    public const string DoneMarker = "\"minimised\":true";

    public static string Minimise(string details)
    {
        JsonObject? json;
        try
        {
            json = JsonNode.Parse(details) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            json = null;
        }
        if (json is null)
            return WithoutAddresses(details);
        if (json["minimised"] is not null)
            return details;
        if (json["reason"]?.GetValue<string>() is { } reason)
            json["reason"] = WithoutAddresses(reason);
        var filter = json["filter"]?.GetValue<string>();
        var minimisedFilter = json["minimisedFilter"]?.GetValue<string>();
        json.Remove("minimisedFilter");
        // Entries written before the minimised form was kept beside the filter lose the whole
        // filter when it held a personal field: its values cannot be told apart reliably.
        if (filter is not null)
            json["filter"] = minimisedFilter ?? (PersonalField().IsMatch(filter) ? SignatureFilterInput.Removed : filter);
        json["minimised"] = true;
        return json.ToJsonString();
    }

    // Errs towards removing: a clock time such as 12:30:45 looks like an IPv6 address and goes too.
    public static string WithoutAddresses(string text)
    {
        text = EmailAddress().Replace(text, SignatureFilterInput.Removed);
        text = Ipv4Address().Replace(text, SignatureFilterInput.Removed);
        return Ipv6Address().Replace(text, SignatureFilterInput.Removed);
    }

    [GeneratedRegex(@"(^|, )(name|email|ip)=")]
    private static partial Regex PersonalField();

    [GeneratedRegex(@"[^\s@,;:<>()\[\]""']+@[^\s@,;:<>()\[\]""']+")]
    private static partial Regex EmailAddress();

    [GeneratedRegex(@"\b\d{1,3}(?:\.\d{1,3}){3}(?:/\d{1,2})?\b")]
    private static partial Regex Ipv4Address();

    [GeneratedRegex(@"(?<![0-9A-Fa-f:])[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{0,4}){1,7}:[0-9A-Fa-f]{1,4}(?:/\d{1,3})?")]
    private static partial Regex Ipv6Address();
}
