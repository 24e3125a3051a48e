using System.Text;
using CsvHelper;
using Microsoft.Extensions.Localization;

namespace Petitions.Core.Import;

// Reads the CSV of a paper import into rows of text, one per line of the sheet, without judging
// them: PaperRowCheck does that. Only a file that cannot be read as a CSV with the expected
// header is refused as a whole; anything wrong within a row stays with that row.
public static class PaperCsv
{
    public const int MaxBytes = 5 * 1024 * 1024;
    public const int MaxRows = 20_000;

    public sealed record Row(int Line, string Name, string Email, string Country, string City, string Date, string? Malformed);

    public abstract record Result
    {
        public sealed record Read(IReadOnlyList<Row> Rows) : Result;
        public sealed record Refused(string Message) : Result;
    }

    // Messages are written in the language of the staff member reading the file.
    public static Result Read(byte[] content, IStringLocalizer<ImportMessages> messages)
    {
        string NotACsv() => messages["Import.NotACsv"];
        string Columns() => messages["Import.Columns"];

        // UTF-16 with a byte order mark is what spreadsheets save as "Unicode text"; the reader
        // transcodes it. Anything else must be UTF-8 text: NUL bytes or invalid UTF-8 mean a
        // spreadsheet, PDF or image was uploaded as it is.
        var utf16 = content is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..];
        if (!utf16 && (content.AsSpan().Contains((byte)0) || !System.Text.Unicode.Utf8.IsValid(content)))
            return new Result.Refused(NotACsv());
        var text = utf16 ? Encoding.Unicode.GetString(content) : Encoding.UTF8.GetString(content);
        if (string.IsNullOrWhiteSpace(text.Trim('\uFEFF')))
            return new Result.Refused(messages["Import.FileEmpty"]);

        var malformed = new Dictionary<long, CsvMalformedReason>();
        var options = CsvReaderOptions.Default with
        {
            TrackLineNumbers = true,
            TrimWhitespace = true,
            // A stray quote would otherwise run on to the end of the file and swallow every row
            // after it; this way it spoils only its own line, which is reported.
            AllowLineBreaksInQuotes = false,
            OnMalformedRecord = record => malformed.TryAdd(record.RecordNumber, record.Reason),
        };

        try
        {
            using var reader = CsvReader.Create(content, options);
            if (!reader.TryGetFieldIndex("name", out var name))
                return new Result.Refused(messages["Import.NoHeader", Columns()]);
            var missing = new[] { "country", "date" }.Where(column => !reader.TryGetFieldIndex(column, out _)).ToArray();
            if (missing.Length > 0)
                return new Result.Refused(missing.Length == 1
                    ? messages["Import.MissingColumn", missing[0], Columns()]
                    : messages["Import.MissingColumns", missing[0], missing[1], Columns()]);
            var email = reader.TryGetFieldIndex("email", out var e) ? e : -1;
            var country = reader.GetFieldIndex("country");
            var city = reader.TryGetFieldIndex("city", out var c) ? c : -1;
            var date = reader.GetFieldIndex("date");

            var rows = new List<Row>();
            while (reader.Read())
            {
                string Field(int index) => index < 0 ? "" : reader.GetString(index).Trim();
                var row = new Row((int)reader.LineNumber, Field(name), Field(email), Field(country), Field(city), Field(date),
                    malformed.TryGetValue(reader.RowNumber + 1, out var reason) ? Describe(reason, messages) : null);
                // A spreadsheet saves the empty rows under its data as lines of commas.
                if (row is { Name: "", Email: "", Country: "", City: "", Date: "", Malformed: null })
                    continue;
                if (rows.Count == MaxRows)
                    return new Result.Refused(messages["Import.TooManyRows", MaxRows.ToString("N0", System.Globalization.CultureInfo.CurrentCulture)]);
                rows.Add(row);
            }
            return rows.Count == 0
                ? new Result.Refused(messages["Import.NoRows"])
                : new Result.Read(rows);
        }
        catch (CsvFormatException)
        {
            return new Result.Refused(NotACsv());
        }
    }

    private static string Describe(CsvMalformedReason reason, IStringLocalizer<ImportMessages> messages) => reason switch
    {
        CsvMalformedReason.LineBreakInQuotes or CsvMalformedReason.UnterminatedQuote => messages["Import.QuoteNotClosed"],
        _ => messages["Import.QuoteMisplaced"],
    };
}
