using Microsoft.AspNetCore.WebUtilities;
using Petitions.Core.Moderation;

namespace Petitions.Web.Areas.Admin.Pages.Moderation;

// What the moderation pages share: the filter as a query string, and how a change is told.
public static class ModerationText
{
    // Field names on the moderation forms are the lower-case names of the service's fields, so
    // links and errors read "?country=GB" and "#country".
    public static string FieldKey(string field) => field.ToLowerInvariant();

    public static IEnumerable<KeyValuePair<string, string?>> QueryOf(SignatureFilterInput filter) =>
        new (string Key, string? Value)[]
            {
                ("status", filter.Status), ("name", filter.Name), ("email", filter.Email), ("domain", filter.Domain),
                ("country", filter.Country), ("ip", filter.Ip), ("from", filter.From), ("to", filter.To),
            }
            .Where(p => !string.IsNullOrWhiteSpace(p.Value))
            .Select(p => new KeyValuePair<string, string?>(p.Key, p.Value!.Trim()));

    public static string ListUrl(int petitionId, SignatureFilterInput filter, long? after = null, long? before = null)
    {
        var query = QueryOf(filter).ToList();
        if (after is not null)
            query.Add(new("after", after.ToString()));
        if (before is not null)
            query.Add(new("before", before.ToString()));
        return QueryHelpers.AddQueryString($"/admin/petitions/{petitionId}/signatures", query);
    }

    public static string BulkUrl(int petitionId, SignatureChange change, SignatureFilterInput filter) =>
        QueryHelpers.AddQueryString($"/admin/petitions/{petitionId}/signatures/bulk/{change.ToString().ToLowerInvariant()}", QueryOf(filter));

    public static string CountChange(int change) => change switch
    {
        0 => "The public count did not change.",
        < 0 => $"The public count went down by {-change:N0}.",
        _ => $"The public count went up by {change:N0}.",
    };

    public static string Signatures(int count) => count == 1 ? "1 signature" : $"{count:N0} signatures";
}
