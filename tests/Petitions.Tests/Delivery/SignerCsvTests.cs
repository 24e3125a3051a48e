using System.Security.Cryptography;
using System.Text;
using CsvHelper;
using Petitions.Core.Delivery;
using Petitions.Core.Staff;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.Delivery;

public sealed class SignerCsvTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    private static List<string[]> Read(byte[] csv)
    {
        var rows = new List<string[]>();
        using var reader = CsvReader.Create(csv, new CsvReaderOptions { HasHeader = false });
        while (reader.Read())
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        return rows;
    }

    [Fact]
    public async Task Names_with_commas_quotes_and_line_breaks_come_back_out_of_the_csv_exactly()
    {
        string[] names = ["Smith, John", "Dwayne \"The Rock\" Johnson", "Line one\r\nline two", "O'Brien", "김철수", "محمد عبدالله", " padded "];
        var slug = await A.Petition().Open().BuildAsync(app);
        await Signers.AddAsync(app, slug, names.Select(n => Signer.Named(n).In("Paris, France")).ToArray());

        var pack = await Exports.RunAsync(app, slug, ExportFormats.Csv);

        var rows = Read(pack.Csv);
        Assert.Equal(SignerCsv.Columns, rows[0]);
        Assert.Equal(names.Select(n => n.Trim()), rows.Skip(1).Select(r => r[1]));
        Assert.All(rows.Skip(1), r => Assert.Equal("Paris, France", r[2]));
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7"], rows.Skip(1).Select(r => r[0]));
    }

    [Fact]
    public async Task The_csv_is_utf8_without_a_byte_order_mark_with_crlf_between_records_and_the_pdfs_columns()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        await Signers.AddAsync(app, slug, Signer.Named("Zoë").From("FR").In("Besançon"), Signer.Named("Hidden").Withheld().From("KR"));

        var pack = await Exports.RunAsync(app, slug, ExportFormats.Csv);

        Assert.NotEqual(0xEF, pack.Csv[0]);
        var text = Encoding.UTF8.GetString(pack.Csv);
        var lines = text.Split("\r\n");
        Assert.Equal("Number,Name,City,Country,Signed,Receipt,Language", lines[0]);
        Assert.Matches(@"^1,Zoë,Besançon,France,\d{4}-\d{2}-\d{2},[0-9A-Z]{5}-[0-9A-Z]{5},en$", lines[1]);
        Assert.Matches(@"^2,Name withheld at the signer's request,,South Korea,", lines[2]);
        Assert.Equal("", lines[3]);
    }

    [Fact]
    public async Task Pending_flagged_and_invalidated_signatures_are_left_out_of_the_csv()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        await Signers.AddAsync(app, slug, Signer.Named("Counted"), Signer.Named("Waiting").Pending(), Signer.Named("Held").Flagged(),
            Signer.Named("Struck").Invalidated(), Signer.Named("On paper").Paper());

        var pack = await Exports.RunAsync(app, slug, ExportFormats.Csv | ExportFormats.StaffCsv);

        Assert.Equal(["On paper", "Counted"], Read(pack.Csv).Skip(1).Select(r => r[1]));
        var staff = Read(pack.Bytes("-staff-only.csv"));
        Assert.Equal(SignerCsv.StaffColumns, staff[0]);
        Assert.Equal(["Paper", "Online"], staff.Skip(1).Select(r => r[SignerCsv.StaffColumns.ToList().IndexOf("Source")]));
        Assert.Equal(["Confirmed", "Confirmed"], staff.Skip(1).Select(r => r[SignerCsv.StaffColumns.ToList().IndexOf("Status")]));
    }

    [Fact]
    public async Task The_staff_csv_adds_email_address_and_timestamps_and_keeps_the_name_a_signer_withheld()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        await Signers.AddAsync(app, slug, Signer.Named("Private Person").Withheld());

        var pack = await Exports.RunAsync(app, slug, ExportFormats.Csv | ExportFormats.StaffCsv);

        var publicRow = Read(pack.Csv)[1];
        var staff = Read(pack.Bytes("-staff-only.csv"));
        var row = staff[1].Zip(staff[0]).ToDictionary(x => x.Second, x => x.First);
        Assert.Equal(publicRow, staff[1][..SignerCsv.Columns.Count]);
        Assert.Equal("Private Person", row["Name as signed"]);
        Assert.Equal("yes", row["Name withheld"]);
        Assert.EndsWith("@example.org", row["Email"]);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$", row["Signed at (UTC)"]);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T", row["Confirmed at (UTC)"]);
    }

    // OWASP's rule for CSV injection: a cell that begins with =, +, -, @, a tab or a carriage
    // return gets a single quote in front, so a spreadsheet shows it as text instead of running it.
    [Fact]
    public async Task Names_and_cities_that_a_spreadsheet_would_run_as_formulas_start_with_a_quote_in_both_csvs_and_the_hash_is_of_those_bytes()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        await Signers.AddAsync(app, slug,
            Signer.Named("=HYPERLINK(\"http://x\",\"y\")").In("+cmd|' /C calc'!A0"),
            Signer.Named("-Ann").In("@SUM(1+1)"),
            Signer.Named("-").In("=1+1"),
            Signer.Named("Ann-Marie O'Neil").In("Saint-Étienne"));

        var pack = await Exports.RunAsync(app, slug, ExportFormats.Csv | ExportFormats.StaffCsv);

        var rows = Read(pack.Csv).Skip(1).ToList();
        Assert.Equal(["'=HYPERLINK(\"http://x\",\"y\")", "'-Ann", "'-", "Ann-Marie O'Neil"], rows.Select(r => r[1]));
        Assert.Equal(["'+cmd|' /C calc'!A0", "'@SUM(1+1)", "'=1+1", "Saint-Étienne"], rows.Select(r => r[2]));
        var staff = Read(pack.Bytes("-staff-only.csv"));
        var nameAsSigned = SignerCsv.StaffColumns.ToList().IndexOf("Name as signed");
        Assert.Equal(rows.Select(r => r[1]), staff.Skip(1).Select(r => r[1]));
        Assert.Equal(rows.Select(r => r[2]), staff.Skip(1).Select(r => r[2]));
        Assert.Equal(rows.Select(r => r[1]), staff.Skip(1).Select(r => r[nameAsSigned]));
        // As text, the way a spreadsheet reads it: the quote is the first thing in each cell.
        var text = Encoding.UTF8.GetString(pack.Csv);
        Assert.Contains("\r\n1,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'+cmd|' /C calc'!A0,", text);
        Assert.Contains("\r\n2,'-Ann,'@SUM(1+1),", text);

        // The hash on the cover is of the file people receive, quotes and all, and the list
        // downloaded from the export page is the same bytes.
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pack.Csv)), pack.Facts.Sha256);
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        var downloaded = await admin.Http.GetByteArrayAsync($"/admin/petitions/{await app.PetitionIdAsync(slug)}/export?handler=Csv");
        Assert.Equal(pack.Facts.Sha256, Convert.ToHexStringLower(SHA256.HashData(downloaded)));
    }
}
