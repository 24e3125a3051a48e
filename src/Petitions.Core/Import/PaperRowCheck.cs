using System.Globalization;
using Microsoft.Extensions.Localization;
using Petitions.Core.Signing;
using Petitions.Core.Text;

namespace Petitions.Core.Import;

// One row of a paper sheet against the rules an online signature meets, with messages for the
// staff member reading the report. Duplicates are found afterwards, across rows.
public static class PaperRowCheck
{
    // Long enough to recognise the row in the report; the stored batch stays small.
    private const int ShownLength = 300;

    public sealed record Checked(ImportRow Row, string? NormalizedEmail, DateOnly? SignedOn);

    public static Checked Check(PaperCsv.Row raw, DateOnly today, IStringLocalizer<ImportMessages> text)
    {
        var problems = new List<string>();
        if (raw.Malformed is not null)
            problems.Add(raw.Malformed);

        if (TextRules.IsBlank(raw.Name))
            problems.Add(text["Import.NameMissing"]);
        else if (TextRules.CharacterCount(raw.Name) > SignatureRules.NameMaxLength)
            problems.Add(text["Import.NameTooLong", SignatureRules.NameMaxLength]);
        else if (!TextRules.IsOneLine(raw.Name) || TextRules.HasUndecodedBytes(raw.Name))
            problems.Add(text["Import.NameUnreadable"]);
        else if (SignatureRules.HasWebAddress(raw.Name))
            problems.Add(text["Import.NameIsLink"]);

        string? normalizedEmail = null;
        if (raw.Email.Length > 0)
        {
            if (EmailAddresses.IsValid(raw.Email))
                normalizedEmail = EmailAddresses.Normalize(raw.Email);
            else
                problems.Add(text["Import.EmailInvalid"]);
        }

        var country = CountryNames.CodeOf(raw.Country);
        if (raw.Country.Length == 0)
            problems.Add(text["Import.CountryMissing"]);
        else if (country is null)
            problems.Add(text["Import.CountryUnknown", Shown(raw.Country)]);

        if (TextRules.CharacterCount(raw.City) > SignatureRules.CityMaxLength)
            problems.Add(text["Import.CityTooLong", SignatureRules.CityMaxLength]);
        else if (!TextRules.IsOneLine(raw.City) || TextRules.HasUndecodedBytes(raw.City))
            problems.Add(text["Import.CityUnreadable"]);

        DateOnly? signedOn = null;
        if (raw.Date.Length == 0)
            problems.Add(text["Import.DateMissing"]);
        else if (!DateOnly.TryParseExact(raw.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            problems.Add(text["Import.DateFormat"]);
        // A day of grace: a sheet signed today east of UTC is already dated tomorrow.
        else if (date > today.AddDays(1))
            problems.Add(text["Import.DateInFuture"]);
        else
            signedOn = date;

        var row = new ImportRow(
            raw.Line,
            Shown(raw.Name),
            raw.Email.Length == 0 ? null : Shown(raw.Email),
            problems.Count == 0 ? country! : Shown(raw.Country),
            raw.City.Length == 0 ? null : Shown(raw.City),
            raw.Date.Length == 0 ? null : Shown(raw.Date),
            problems.Count == 0 ? ImportRowOutcome.Ready : ImportRowOutcome.Invalid,
            problems.Count == 0 ? null : string.Join(" ", problems));
        return new Checked(row, problems.Count == 0 ? normalizedEmail : null, signedOn);
    }

    private static string Shown(string value) => value.Length <= ShownLength ? value : value[..ShownLength] + "…";
}
