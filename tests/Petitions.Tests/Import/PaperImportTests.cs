using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Core.Signing;
using Petitions.Core.Staff;
using Petitions.Tests.Infrastructure;
using Petitions.Tests.Moderation;

namespace Petitions.Tests.Import;

public sealed class PaperImportTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    private const string Sheet = """
        name,email,country,city,date
        Ada Lovelace,ada@example.org,GB,London,2026-03-01
        Grace Hopper,,United States,Arlington,2026-03-02
        Online Already,ONLINE@example.org,FR,,2026-03-02
        ,nameless@example.org,DE,Berlin,2026-03-03
        Bad Country,bad@example.org,Narnia,,2026-03-03
        Bad Date,baddate@example.org,GB,,03/04/2026
        Ada Again,Ada@Example.org,GB,,2026-03-04
        Émile Zola,,france,Paris,2026-03-05
        ,,,,
        """;

    private static byte[] Csv(string text) => Encoding.UTF8.GetBytes(text.ReplaceLineEndings("\r\n"));

    private async Task<(string Slug, int PetitionId)> PetitionWithOneOnlineSignatureAsync()
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(2).With(A.Signature("Online Signer").WithEmail("online@example.org")).BuildAsync(app);
        return (slug, await app.PetitionIdAsync(slug));
    }

    private static async Task<Browser.WebPage> UploadAsync(Browser browser, int petitionId, byte[] content, string fileName = "sheet.csv", string contentType = "text/csv") =>
        await browser.UploadAsync(await browser.GetAsync($"/admin/petitions/{petitionId}/import"), "form.upload-form", "file", fileName, content, contentType);

    private static Dictionary<string, (string Outcome, string Why)> Rows(Browser.WebPage report) =>
        report.Document.QuerySelectorAll("table.import-rows tbody tr").ToDictionary(
            tr => tr.QuerySelector("th")!.TextContent.Trim(),
            tr => (tr.Children[1].TextContent.Trim(), tr.Children[7].TextContent.Trim()));

    [Fact]
    public async Task Every_row_gets_a_verdict_before_anything_is_imported()
    {
        var (slug, petitionId) = await PetitionWithOneOnlineSignatureAsync();
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);

        var report = await UploadAsync(moderator, petitionId, Csv(Sheet));

        Assert.Equal(HttpStatusCode.OK, report.Status);
        Assert.Matches($"/admin/petitions/{petitionId}/import/[0-9a-f-]{{36}}$", report.Url.AbsolutePath);
        var rows = Rows(report);
        Assert.Equal(["2", "3", "4", "5", "6", "7", "8", "9"], rows.Keys);
        Assert.Equal("Ready", rows["2"].Outcome);
        Assert.Equal("Ready", rows["3"].Outcome);
        Assert.Equal(("Duplicate", $"Already signed online with this email address (signature {await app.SignatureIdAsync(slug, "Online Signer")})."), rows["4"]);
        Assert.Equal(("Invalid", "The name is missing."), rows["5"]);
        Assert.Equal(("Invalid", "“Narnia” is not a country code or country name we know."), rows["6"]);
        Assert.Equal(("Invalid", "The date must be written YYYY-MM-DD, like 2026-03-14."), rows["7"]);
        Assert.Equal(("Duplicate", "Same email address as line 2."), rows["8"]);
        Assert.Equal("Ready", rows["9"].Outcome);
        Assert.Equal(["3", "3", "2"], report.Document.QuerySelectorAll(".stats strong").Select(s => s.TextContent.Trim()));
        Assert.Equal("Import 3 rows", report.Text("form.commit-form button"));

        // Nothing is committed by reading the file.
        Assert.Equal(3, await app.PublicCountAsync(slug));
        Assert.Equal(3, await app.SignatureRowsAsync(slug));
    }

    [Fact]
    public async Task A_name_holding_a_web_address_makes_its_row_invalid()
    {
        var (_, petitionId) = await PetitionWithOneOnlineSignatureAsync();
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);

        var report = await UploadAsync(moderator, petitionId, Csv("""
            name,email,country,city,date
            Visit www.pills.example,,GB,,2026-03-01
            Ada Lovelace http://pills.example,,GB,,2026-03-01
            Grace Hopper,,US,,2026-03-02
            """));

        var rows = Rows(report);
        Assert.Equal(("Invalid", "The name contains a web address."), rows["2"]);
        Assert.Equal(("Invalid", "The name contains a web address."), rows["3"]);
        Assert.Equal("Ready", rows["4"].Outcome);
    }

    [Fact]
    public async Task Importing_adds_the_ready_rows_as_confirmed_paper_signatures_and_counts_them()
    {
        var (slug, petitionId) = await PetitionWithOneOnlineSignatureAsync();
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);
        var report = await UploadAsync(moderator, petitionId, Csv(Sheet));

        var done = await moderator.SubmitAsync(report, new Dictionary<string, string?>(), "form.commit-form");

        Assert.Equal("Imported 3 signatures. The public count went up by 3.", done.Notice());
        Assert.Equal(6, await app.PublicCountAsync(slug));
        Assert.Contains("Imported on", done.Text(".import-state"));
        Assert.False(done.Has("form.commit-form"));
        var paper = await app.WithDbAsync(db => db.Signatures.Where(s => s.PetitionId == petitionId && s.Source == SignatureSource.Paper)
            .OrderBy(s => s.Name).ToListAsync());
        Assert.Equal(["Ada Lovelace", "Grace Hopper", "Émile Zola"], paper.Select(s => s.Name));
        Assert.All(paper, s => Assert.True(s.IsCounted));
        Assert.Equal(["GB", "US", "FR"], paper.Select(s => s.Country));
        Assert.Equal("ada@example.org", paper[0].NormalizedEmail);
        Assert.Null(paper[1].Email);
        Assert.Equal(new DateTimeOffset(2026, 3, 5, 0, 0, 0, TimeSpan.Zero), paper[2].SignedAt);
        var listed = await moderator.GetAsync($"/admin/petitions/{petitionId}/signatures?status=confirmed");
        Assert.Contains("Grace Hopper", listed.Names());
    }

    [Fact]
    public async Task A_second_commit_of_the_same_file_adds_nothing_and_says_so()
    {
        var (slug, petitionId) = await PetitionWithOneOnlineSignatureAsync();
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);
        var report = await UploadAsync(moderator, petitionId, Csv(Sheet));

        await moderator.SubmitAsync(report, new Dictionary<string, string?>(), "form.commit-form");
        var again = await moderator.SubmitAsync(report, new Dictionary<string, string?>(), "form.commit-form");

        Assert.StartsWith("This file was already imported on", again.Notice());
        Assert.Contains("Nothing was added this time.", again.Notice());
        Assert.Equal(6, await app.PublicCountAsync(slug));
        Assert.Equal(6, await app.SignatureRowsAsync(slug));
    }

    [Fact]
    public async Task Two_commits_at_the_same_moment_import_the_rows_once()
    {
        var (slug, petitionId) = await PetitionWithOneOnlineSignatureAsync();
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);
        var report = await UploadAsync(moderator, petitionId, Csv(Sheet));

        var pages = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            moderator.SubmitAsync(report, new Dictionary<string, string?>(), "form.commit-form")));

        // The four requests share one browser, so which of them shows the one-off notice is down to
        // cookie timing; what must hold is that the rows went in once.
        Assert.All(pages, p => Assert.Equal(System.Net.HttpStatusCode.OK, p.Status));
        Assert.True(pages.Count(p => p.Notice().StartsWith("Imported 3")) <= 1);
        Assert.Equal(6, await app.PublicCountAsync(slug));
        Assert.Single(await app.AuditAsync(AuditActions.SignaturesImported, $"petition:{petitionId}"));
    }

    [Fact]
    public async Task A_row_whose_address_signs_online_before_the_commit_is_skipped_then()
    {
        var (slug, petitionId) = await PetitionWithOneOnlineSignatureAsync();
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);
        var report = await UploadAsync(moderator, petitionId, Csv(Sheet));
        using (var supporter = app.Browser())
        {
            await supporter.SubmitAsync(await supporter.GetAsync($"/petitions/{slug}"), Signing.SignForm.Valid("ADA@example.org"), "form[action*='#sign']");
        }

        var done = await moderator.SubmitAsync(report, new Dictionary<string, string?>(), "form.commit-form");

        Assert.Equal("Imported 2 signatures. The public count went up by 2. 1 row skipped: their addresses signed after the file was read.", done.Notice());
        Assert.Equal(("Duplicate", "Signed with this email address after the file was read."), Rows(done)["2"]);
        Assert.Equal(5, await app.PublicCountAsync(slug));
    }

    [Fact]
    public async Task The_import_is_in_the_audit_log_with_the_count()
    {
        var (_, petitionId) = await PetitionWithOneOnlineSignatureAsync();
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);
        var report = await UploadAsync(moderator, petitionId, Csv(Sheet), "Market stall, Saturday.csv");

        await moderator.SubmitAsync(report, new Dictionary<string, string?>(), "form.commit-form");

        var entry = Assert.Single(await app.AuditAsync(AuditActions.SignaturesImported, $"petition:{petitionId}"));
        Assert.StartsWith("moderator-", entry.ActorEmail);
        Assert.Equal(3, entry.Details().GetProperty("count").GetInt32());
        Assert.Equal("Market stall, Saturday.csv", entry.Details().GetProperty("file").GetString());
    }

    public static TheoryData<string, byte[], string> UnreadableFiles => new()
    {
        { "photo.png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52], "This is not a CSV file. Save the sheet from your spreadsheet as “CSV UTF-8” and upload that." },
        { "latin1.csv", [.. Encoding.ASCII.GetBytes("name,country,date\r\nJos"), 0xE9, .. Encoding.ASCII.GetBytes(",FR,2026-01-01\r\n")], "This is not a CSV file. Save the sheet from your spreadsheet as “CSV UTF-8” and upload that." },
        { "empty.csv", [], "The file is empty." },
        { "blank.csv", Encoding.UTF8.GetBytes("\r\n\r\n"), "The file is empty." },
        { "no-header.csv", Encoding.UTF8.GetBytes("Ada Lovelace,ada@example.org,GB,London,2026-03-01\r\n"), "The first line must be a header that names the columns: name, email (may be empty), country, city (may be empty), date (YYYY-MM-DD)." },
        { "no-date.csv", Encoding.UTF8.GetBytes("name,email,country\r\nAda,ada@example.org,GB\r\n"), "The header has no “date” column. The columns are: name, email (may be empty), country, city (may be empty), date (YYYY-MM-DD)." },
        { "header-only.csv", Encoding.UTF8.GetBytes("name,email,country,city,date\r\n"), "The file has a header but no rows of signatures." },
    };

    [Theory]
    [MemberData(nameof(UnreadableFiles))]
    public async Task A_file_that_cannot_be_read_as_the_expected_CSV_gets_a_clear_message(string fileName, byte[] content, string message)
    {
        var (slug, petitionId) = await PetitionWithOneOnlineSignatureAsync();
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);

        var page = await UploadAsync(moderator, petitionId, content, fileName);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal($"/admin/petitions/{petitionId}/import", page.Url.AbsolutePath);
        Assert.Equal($"Error: {message}", page.Text("#file-error"));
        Assert.Equal(message, page.Text(".error-summary a[href='#file']"));
        Assert.Equal(0, await app.WithDbAsync(db => db.ImportBatches.CountAsync(b => b.PetitionId == petitionId)));
        Assert.Equal(3, await app.SignatureRowsAsync(slug));
    }

    [Fact]
    public async Task Uploading_without_choosing_a_file_asks_for_one()
    {
        var (_, petitionId) = await PetitionWithOneOnlineSignatureAsync();
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);

        var page = await moderator.SubmitAsync(await moderator.GetAsync($"/admin/petitions/{petitionId}/import"), new Dictionary<string, string?>(), "form.upload-form");

        Assert.Equal("Error: Choose a CSV file to upload.", page.Text("#file-error"));
    }

    [Fact]
    public async Task A_stray_quote_spoils_only_its_own_line()
    {
        var (_, petitionId) = await PetitionWithOneOnlineSignatureAsync();
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);
        var csv = Csv("""
            name,email,country,city,date
            "Unclosed,one@example.org,GB,,2026-03-01
            Next Person,two@example.org,GB,,2026-03-01
            Semi "Quoted" Name,three@example.org,GB,,2026-03-01
            """);

        var report = await UploadAsync(moderator, petitionId, csv);

        var rows = Rows(report);
        Assert.Equal("Invalid", rows["2"].Outcome);
        Assert.Contains("quotation mark", rows["2"].Why);
        Assert.Equal("Ready", rows["3"].Outcome);
        Assert.Equal("Invalid", rows["4"].Outcome);
    }

    [Fact]
    public async Task Semicolon_separated_files_from_european_spreadsheets_are_read_too()
    {
        var (_, petitionId) = await PetitionWithOneOnlineSignatureAsync();
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);

        var report = await UploadAsync(moderator, petitionId, Csv("\uFEFFName;Email;Country;City;Date\nJosé Ñúñez;;Spain;Sevilla;2026-02-02\n"));

        var row = report.Document.QuerySelector("table.import-rows tbody tr")!;
        Assert.Equal(["2", "Ready", "José Ñúñez", "–", "ES", "Sevilla", "2026-02-02", ""], row.Children.Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public async Task A_draft_petition_takes_no_paper_signatures()
    {
        var slug = await A.Petition().Draft().BuildAsync(app);
        var petitionId = await app.PetitionIdAsync(slug);
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);

        var page = await UploadAsync(moderator, petitionId, Csv(Sheet));

        Assert.Equal("Error: Paper signatures can be imported only into a published petition.", page.Text("#file-error"));
    }
}
