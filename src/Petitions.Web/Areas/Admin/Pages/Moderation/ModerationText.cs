using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Petitions.Core.Moderation;
using Petitions.Core.Signing;

namespace Petitions.Web.Areas.Admin.Pages.Moderation;

// What the moderation pages share: the filter as a query string, and how a change is told, in the
// words of the staff member's language (ModerationPageText.*.resx).
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

    // How far the public count moved, once a change is made.
    public static string CountChange(IStringLocalizer<ModerationPageText> text, int change) => change switch
    {
        0 => text["Count.Unchanged"],
        < 0 => text["Count.Down", Number(-change)],
        _ => text["Count.Up", Number(change)],
    };

    // How far the public count will move if the change is made.
    public static string CountWillChange(IStringLocalizer<ModerationPageText> text, int change) => change switch
    {
        0 => text["Count.WillNotChange"],
        < 0 => text["Count.WillGoDown", Number(-change)],
        _ => text["Count.WillGoUp", Number(change)],
    };

    // A count as the reader writes numbers: 1,234 or 1.234 or 1 234.
    public static string Number(long count) => count.ToString("N0", CultureInfo.CurrentCulture);

    // Whether a count takes the "one" form of a sentence in the reader's language: 1, and in French
    // also 0. Korean, Japanese and Chinese have no plural and write both forms alike; the Arabic
    // forms are worded ("عدد التوقيعات: 5") to read correctly for any count.
    public static bool IsOne(int count) =>
        count == 1 || (count == 0 && CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "fr");

    public static string StateName(IStringLocalizer<ModerationPageText> text, ModerationState state) => state switch
    {
        ModerationState.Pending => text["State.Pending"],
        ModerationState.Confirmed => text["State.Confirmed"],
        ModerationState.Flagged => text["State.Flagged"],
        ModerationState.Invalidated => text["State.Invalidated"],
        _ => text["State.Withdrawn"],
    };

    public static string StatusName(IStringLocalizer<ModerationPageText> text, SignatureStatus status) => status switch
    {
        SignatureStatus.Pending => text["State.Pending"],
        SignatureStatus.Confirmed => text["State.Confirmed"],
        SignatureStatus.Invalidated => text["State.Invalidated"],
        _ => text["State.Withdrawn"],
    };

    public static string SourceName(IStringLocalizer<ModerationPageText> text, SignatureSource source) =>
        source == SignatureSource.Paper ? text["Source.Paper"] : text["Source.Online"];

    // The filter in the reader's words, for the page: "Status: Flagged, Country: GB". The audit log
    // keeps Core's own description, SignatureFilterInput.Describe, which does not change with the reader.
    public static string Describe(IStringLocalizer<ModerationPageText> text, SignatureFilterInput filter)
    {
        var status = ModerationStates.TryParse(filter.Status, out var state) ? StateName(text, state) : filter.Status;
        var parts = new (string Label, string? Value)[]
            {
                (text["Col.Status"], status), (text["Col.Name"], filter.Name), (text["Col.Email"], filter.Email),
                (text["List.Domain"], filter.Domain), (text["Col.Country"], filter.Country), (text["Col.Ip"], filter.Ip),
                (text["List.From"], filter.From), (text["List.To"], filter.To),
            }
            .Where(p => !string.IsNullOrWhiteSpace(p.Value))
            .Select(p => text["Filter.Part", p.Label, p.Value!.Trim()].Value)
            .ToArray();
        return parts.Length == 0 ? text["Filter.All"] : string.Join(text["Filter.Separator"], parts);
    }
}
