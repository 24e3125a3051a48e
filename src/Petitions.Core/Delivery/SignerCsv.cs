using System.Runtime.CompilerServices;
using System.Globalization;
using CsvHelper;
using Petitions.Core.Text;

namespace Petitions.Core.Delivery;

// The signer list as CSV (RFC 4180: comma-separated, fields quoted when they hold a comma, a
// quote or a line break, quotes doubled, CRLF between records; UTF-8 without a byte-order mark).
// The public file has the columns of the PDF's list, in its order, and is the canonical form of
// the list: the SHA-256 printed on the pack's cover is the hash of exactly these bytes. What
// signers typed (names, cities, addresses) is written through SpreadsheetCells.Defuse, so a name
// beginning with = or - starts with a quote here (and only here: the PDF prints it as typed), and
// the hash is of the file as people receive it, quotes included. The staff
// file adds what an audit needs to trace each line and is never delivered.
public static class SignerCsv
{
    public static readonly IReadOnlyList<string> Columns = ["Number", "Name", "City", "Country", "Signed", "Receipt", "Language"];

    public static readonly IReadOnlyList<string> StaffColumns =
    [
        .. Columns, "Name as signed", "Name withheld", "Email", "Status", "Source", "Petition version",
        "IP address", "Signed at (UTC)", "Confirmed at (UTC)", "Signature id",
    ];

    private static readonly CsvWriterOptions Options = new()
    {
        Mode = CsvMode.Rfc4180,
        NewLine = "\r\n",
        Quoting = CsvQuoting.WhenNeeded,
        WriteByteOrderMark = false,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    // Writes asynchronously all the way down, so it can stream straight into an HTTP response.
    public static async Task<long> WriteAsync(IAsyncEnumerable<DeliveredSigner> signers, Stream output, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(output, Options, leaveOpen: true);
        foreach (var column in Columns)
            csv.WriteField(column);
        await csv.EndRecordAsync(cancellationToken);
        long rows = 0;
        await foreach (var signer in signers.WithCancellation(cancellationToken))
        {
            WriteLine(csv, signer);
            await csv.EndRecordAsync(cancellationToken);
            rows++;
        }
        await csv.FlushAsync(cancellationToken);
        return rows;
    }

    public static async Task<long> WriteStaffAsync(IAsyncEnumerable<AuditedSigner> signers, Stream output, CancellationToken cancellationToken)
    {
        await using var csv = CsvWriter.Create(output, Options, leaveOpen: true);
        foreach (var column in StaffColumns)
            csv.WriteField(column);
        await csv.EndRecordAsync(cancellationToken);
        long rows = 0;
        await foreach (var signer in signers.WithCancellation(cancellationToken))
        {
            WriteLine(csv, signer.Line);
            csv.WriteField(SpreadsheetCells.Defuse(signer.Name));
            csv.WriteField(signer.NameWithheld ? "yes" : "no");
            csv.WriteField(SpreadsheetCells.Defuse(signer.Email));
            csv.WriteField(signer.Status.ToString());
            csv.WriteField(signer.Line.Source.ToString());
            csv.WriteField(signer.Line.PetitionVersion.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(signer.IpAddress?.ToString() ?? "");
            csv.WriteField(Timestamp(signer.Line.SignedAt));
            csv.WriteField(signer.ConfirmedAt is { } confirmed ? Timestamp(confirmed) : "");
            csv.WriteField(signer.SignatureId.ToString(CultureInfo.InvariantCulture));
            await csv.EndRecordAsync(cancellationToken);
            rows++;
        }
        await csv.FlushAsync(cancellationToken);
        return rows;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WriteLine(CsvWriter csv, DeliveredSigner signer)
    {
        csv.WriteField(signer.Number.ToString(CultureInfo.InvariantCulture));
        csv.WriteField(SpreadsheetCells.Defuse(signer.DisplayName));
        csv.WriteField(SpreadsheetCells.Defuse(signer.City));
        csv.WriteField(signer.CountryName);
        csv.WriteField(signer.SignedOn);
        csv.WriteField(signer.Receipt);
        csv.WriteField(signer.LanguageTag);
    }

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
