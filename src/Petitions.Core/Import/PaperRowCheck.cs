using System.Globalization;
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

    public static Checked Check(PaperCsv.Row raw, DateOnly today)
    {
        var problems = new List<string>();
        if (raw.Malformed is not null)
            problems.Add(raw.Malformed);

        if (TextRules.IsBlank(raw.Name))
            problems.Add("The name is missing.");
        else if (TextRules.CharacterCount(raw.Name) > SignatureRules.NameMaxLength)
            problems.Add($"The name is longer than {SignatureRules.NameMaxLength} characters.");
        else if (!TextRules.IsOneLine(raw.Name) || TextRules.HasUndecodedBytes(raw.Name))
            problems.Add("The name contains characters that cannot be shown.");

        string? normalizedEmail = null;
        if (raw.Email.Length > 0)
        {
            if (EmailAddresses.IsValid(raw.Email))
                normalizedEmail = EmailAddresses.Normalize(raw.Email);
            else
                problems.Add("The email address is not one that mail can be sent to.");
        }

        var country = CountryNames.CodeOf(raw.Country);
        if (raw.Country.Length == 0)
            problems.Add("The country is missing.");
        else if (country is null)
            problems.Add($"“{Shown(raw.Country)}” is not a country code or country name we know.");

        if (TextRules.CharacterCount(raw.City) > SignatureRules.CityMaxLength)
            problems.Add($"The city is longer than {SignatureRules.CityMaxLength} characters.");
        else if (!TextRules.IsOneLine(raw.City) || TextRules.HasUndecodedBytes(raw.City))
            problems.Add("The city contains characters that cannot be shown.");

        DateOnly? signedOn = null;
        if (raw.Date.Length == 0)
            problems.Add("The date is missing.");
        else if (!DateOnly.TryParseExact(raw.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            problems.Add("The date must be written YYYY-MM-DD, like 2026-03-14.");
        // A day of grace: a sheet signed today east of UTC is already dated tomorrow.
        else if (date > today.AddDays(1))
            problems.Add("The date is in the future.");
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
