using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Core.Delivery;
using Petitions.Core.Staff;
using Petitions.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace Petitions.Tests.Delivery;

public sealed class ExportPageTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    // Loads the export page again, as its "Check progress" link does, until the export is done.
    private static async Task<Browser.WebPage> WaitForDoneAsync(Browser admin, string url, bool sawProgress = false)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var page = await admin.GetAsync(url);
            var status = page.Text(".export .export__status");
            Assert.False(page.Has("meta[http-equiv=refresh]"), page.Html);
            if (page.Has(".export .export__files"))
            {
                Assert.False(page.Has(".export__check"));
                return page;
            }
            // While it runs, the page shows how far it has got and a link to look again, without
            // JavaScript; the script that looks again by itself is a file, as the policy requires.
            Assert.Equal(url, page.Document.QuerySelector(".export .export__check a")?.GetAttribute("href"));
            Assert.Equal("Check progress", page.Text(".export .export__check a"));
            Assert.True(page.Has("script[src^='/js/export-progress.js']"), page.Html);
            Assert.False(page.Has("script:not([src])"));
            Assert.True(status is "Waiting to start." || page.Has(".export progress"), status);
            Assert.True(DateTime.UtcNow < deadline, $"The export did not finish: {status}");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task An_export_in_progress_shows_how_far_it_has_got_and_a_link_to_check_again_and_never_reloads_itself()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var id = await app.PetitionIdAsync(slug);
        var job = await HeldExport.InProgressAsync(app, id, ExportStage.WritingPdf, 1_250, 250_000, volumes: 3);
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        var url = $"/admin/petitions/{id}/export";

        var page = await admin.GetAsync(url);

        Assert.False(page.Has("meta[http-equiv=refresh]"));
        var article = $"#export-{job}";
        Assert.Equal("Writing the PDF in 3 volumes: 1,250 of 250,000 signatures written", page.Text($"{article} .export__status"));
        Assert.Equal("status", page.Document.QuerySelector($"{article} .export__state")!.GetAttribute("role"));
        var bar = page.Document.QuerySelector($"{article} progress")!;
        Assert.Equal(("1250", "250000"), (bar.GetAttribute("value"), bar.GetAttribute("max")));
        Assert.Equal($"export-{job}-progress", bar.GetAttribute("aria-labelledby"));
        Assert.Equal("Check progress", page.Text($"{article} .export__check a"));
        Assert.Equal(url, page.Document.QuerySelector($"{article} .export__check a")!.GetAttribute("href"));
        Assert.False(page.Has($"{article} form"));
        Assert.True(page.Has("script[src^='/js/export-progress.js']"));

        // Nothing in progress: no link to check and no script.
        await app.WithDbAsync(db => db.ExportJobs.Where(j => j.Id == job).ExecuteDeleteAsync());
        var quiet = await admin.GetAsync(url);
        Assert.False(quiet.Has(".export__check"));
        Assert.False(quiet.Has("script"));
    }

    [Fact]
    public async Task An_admin_exports_the_pack_follows_its_progress_and_downloads_the_pdf_and_csv_and_each_step_is_audited()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        await Signers.AddAsync(app, slug, Signers.Many(60));
        var id = await app.PetitionIdAsync(slug);
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        var url = $"/admin/petitions/{id}/export";

        var form = await admin.GetAsync(url);
        Assert.Equal("Delivery pack", form.Heading);
        var started = await admin.SubmitAsync(form, new Dictionary<string, string?>
        {
            ["Input.Pdf"] = "true", ["Input.Csv"] = "true", ["Input.VolumeSize"] = "100000",
        }, "form:not([action])");
        Assert.Equal(HttpStatusCode.Redirect, started.FirstStatus);

        var done = await WaitForDoneAsync(admin, url);
        Assert.False(done.Has("meta[http-equiv=refresh]"));
        var links = done.Document.QuerySelectorAll(".export__files a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(2, links.Count);

        var pdfResponse = await admin.Http.GetAsync(links.Single(l => l.Contains(".pdf")));
        Assert.Equal("application/pdf", pdfResponse.Content.Headers.ContentType!.MediaType);
        using var pdf = PdfDocument.Open(await pdfResponse.Content.ReadAsByteArrayAsync());
        Assert.Contains("Counted signatures: 60", PdfText.Text(pdf.GetPage(1)));
        var csv = await admin.Http.GetByteArrayAsync(links.Single(l => l.Contains(".csv")));
        Assert.Equal(61, Encoding.UTF8.GetString(csv).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(csv)), done.Text(".export__hash"));

        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Target == $"petition {slug}").OrderBy(a => a.Id)
            .Select(a => new { a.Action, a.Details }).ToListAsync());
        Assert.Equal([AuditActions.ExportStarted, AuditActions.ExportDownloaded, AuditActions.ExportDownloaded], audit.Select(a => a.Action));
        Assert.Contains(".pdf", audit[1].Details);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Export_files_are_readable_by_the_app_user_only_and_downloads_are_never_cached()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        await Signers.AddAsync(app, slug, Signers.Many(3));
        var id = await app.PetitionIdAsync(slug);
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        var url = $"/admin/petitions/{id}/export";
        await admin.SubmitAsync(await admin.GetAsync(url), new Dictionary<string, string?> { ["Input.Csv"] = "true", ["Input.Pdf"] = "true" },
            "form:not([action])");
        var done = await WaitForDoneAsync(admin, url);
        var job = await app.WithDbAsync(db => db.ExportJobs.SingleAsync(j => j.PetitionId == id));
        var folder = Path.Combine(app.ExportDirectory, job.Folder);

        const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        Assert.Equal(OwnerReadWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        Assert.Equal(OwnerReadWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(app.ExportDirectory));
        var files = Directory.GetFiles(folder);
        Assert.Equal(2, files.Length);
        Assert.All(files, file => Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(file)));

        foreach (var link in done.Document.QuerySelectorAll(".export__files a").Select(a => a.GetAttribute("href")!))
        {
            var response = await admin.Http.GetAsync(link);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl?.NoStore, $"{link}: Cache-Control {response.Headers.CacheControl}");
        }
    }

    [Fact]
    public async Task Deleting_an_export_removes_its_files_and_its_links()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        await Signers.AddAsync(app, slug, Signers.Many(3));
        var id = await app.PetitionIdAsync(slug);
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        var url = $"/admin/petitions/{id}/export";
        await admin.SubmitAsync(await admin.GetAsync(url), new Dictionary<string, string?> { ["Input.Csv"] = "true", ["Input.Pdf"] = "false" },
            "form:not([action])");
        var done = await WaitForDoneAsync(admin, url);
        var link = done.Document.QuerySelector(".export__files a")!.GetAttribute("href")!;
        var job = await app.WithDbAsync(db => db.ExportJobs.SingleAsync(j => j.PetitionId == id));
        var folder = Path.Combine(app.ExportDirectory, job.Folder);
        Assert.True(Directory.Exists(folder));

        var after = await admin.SubmitAsync(done, new Dictionary<string, string?>(), "form[action*='handler=Delete']");

        Assert.Equal("The export and its files are deleted.", after.Text(".notice--success"));
        Assert.False(after.Has(".export__files"));
        Assert.False(Directory.Exists(folder));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.Http.GetAsync(link)).StatusCode);
        Assert.Contains(AuditActions.ExportDeleted, await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Target == $"petition {slug}").Select(a => a.Action).ToListAsync()));
    }

    [Fact]
    public async Task Choosing_nothing_to_export_or_a_volume_size_out_of_range_is_explained_and_starts_nothing()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var id = await app.PetitionIdAsync(slug);
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);

        var page = await admin.SubmitAsync(await admin.GetAsync($"/admin/petitions/{id}/export"), new Dictionary<string, string?>
        {
            ["Input.Pdf"] = "false", ["Input.Csv"] = "false", ["Input.VolumeSize"] = "5",
        }, "form:not([action])");

        Assert.Equal("Error: Choose at least one thing to export.", page.Text("#Input_Formats-error"));
        Assert.StartsWith("Error: The volume size must be", page.Text("#Input_VolumeSize-error"));
        Assert.Equal(0, await app.WithDbAsync(db => db.ExportJobs.CountAsync(j => j.PetitionId == id)));
    }

    [Fact]
    public async Task The_csv_of_the_list_streams_straight_to_the_browser_and_the_download_is_audited()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        await Signers.AddAsync(app, slug, Signer.Named("Smith, Jane"), Signer.Named("김철수").Withheld());
        var id = await app.PetitionIdAsync(slug);
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);

        var response = await admin.Http.GetAsync($"/admin/petitions/{id}/export?handler=Csv", HttpCompletionOption.ResponseHeadersRead);
        var staff = await admin.Http.GetStringAsync($"/admin/petitions/{id}/export?handler=Csv&staff=true");

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"{slug}-signers.csv", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName!.Trim('"'));
        var csv = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"Smith, Jane\"", csv);
        Assert.DoesNotContain("김철수", csv);
        Assert.Contains("김철수", staff);
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Target == $"petition {slug}" && a.Action == AuditActions.ExportDownloaded)));
    }

    [Fact]
    public async Task An_admin_writes_the_cover_letter_and_who_signs_it()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var id = await app.PetitionIdAsync(slug);
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        var page = await admin.GetAsync($"/admin/petitions/{id}/export");
        Assert.Equal(CoverLetter.Default.Replace("\r", "").Trim(), page.Document.QuerySelector("#Letter_CoverLetter")!.TextContent.Replace("\r", "").Trim());

        var saved = await admin.SubmitAsync(page, new Dictionary<string, string?>
        {
            ["Letter.Organiser"] = "Friends of the River", ["Letter.CoverLetter"] = "Dear {recipient}, here are {count} signatures.",
        }, "form[action*='handler=Letter']");

        Assert.Equal("The cover letter is saved.", saved.Text(".notice--success"));
        var petition = await app.WithDbAsync(db => db.Petitions.SingleAsync(p => p.Id == id));
        Assert.Equal("Friends of the River", petition.Organiser);
        Assert.Equal("Dear {recipient}, here are {count} signatures.", petition.CoverLetter);
    }

    [Fact]
    public async Task Two_app_instances_never_run_the_same_export_twice()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        await Signers.AddAsync(app, slug, Signers.Many(5));
        var id = await app.PetitionIdAsync(slug);
        await using var second = app.StartInstance();
        var jobs = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            var started = await app.WithServiceAsync<ExportJobs, ExportStartResult>(exports =>
                exports.StartAsync(id, new ExportRequest(ExportFormats.Csv, null), Actor.System, CancellationToken.None));
            jobs.Add(Assert.IsType<ExportStartResult.Started>(started).JobId);
        }

        var deadline = DateTime.UtcNow + Patience;
        List<ExportJob> finished;
        do
        {
            await Task.Delay(200);
            finished = await app.WithDbAsync(db => db.ExportJobs.AsNoTracking().Where(j => jobs.Contains(j.Id)).ToListAsync());
        }
        while (finished.Any(j => !j.IsFinished) && DateTime.UtcNow < deadline);

        Assert.All(finished, j => Assert.Equal(ExportStatus.Done, j.Status));
        Assert.All(finished, j => Assert.Equal(1, j.Attempts));
    }

    [Fact]
    public async Task An_export_left_running_by_an_instance_that_died_is_taken_up_again_once_its_lease_lapses()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        await Signers.AddAsync(app, slug, Signers.Many(3));
        var id = await app.PetitionIdAsync(slug);
        // As a crashed instance leaves it: claimed, half done, its lease run out a minute ago.
        var inserted = await app.WithDbAsync(db => db.Database.SqlQuery<long>($"""
            INSERT INTO export_jobs (petition_id, formats, volume_size, status, stage, rows_done, rows_total, files, requested_by,
                                     requested_at, started_at, locked_until, attempts)
            VALUES ({id}, 'Csv', 100000, 'Running', 'WritingCsv', 1, 3, ARRAY[]::text[], 'admin@example.org',
                    now() - interval '5 minutes', now() - interval '5 minutes', now() - interval '1 minute', 1)
            RETURNING id AS "Value"
            """).ToListAsync());
        var jobId = inserted.Single();

        var deadline = DateTime.UtcNow + Patience;
        ExportJob job;
        do
        {
            await Task.Delay(200);
            job = await app.WithDbAsync(db => db.ExportJobs.AsNoTracking().SingleAsync(j => j.Id == jobId));
        }
        while (!job.IsFinished && DateTime.UtcNow < deadline);

        Assert.Equal(ExportStatus.Done, job.Status);
        Assert.Equal(2, job.Attempts);
        Assert.Equal(3, job.SignatureCount);
        Assert.True(File.Exists(Path.Combine(app.ExportDirectory, job.Folder, job.Files.Single())));
    }
}
