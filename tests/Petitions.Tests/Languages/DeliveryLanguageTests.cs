using System.Net;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Delivery;
using Petitions.Core.Staff;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.Languages;

// Staff whose browser asks for Korean, Arabic, German or Japanese make the delivery pack and read
// a petition's figures in that language: the pages' words, the errors Core writes and the notices.
public sealed partial class DeliveryLanguageTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    private async Task<Browser> StaffSpeakingAsync(string acceptLanguage)
    {
        var browser = await app.StaffBrowserAsync(StaffRoles.Admin);
        browser.Http.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);
        return browser;
    }

    [Fact]
    public async Task A_Korean_admin_makes_the_delivery_pack_in_Korean_with_its_errors_and_notice()
    {
        var slug = await A.Petition().Open().Titled("Save the <b>river</b>").BuildAsync(app);
        var id = await app.PetitionIdAsync(slug);
        using var admin = await StaffSpeakingAsync("ko-KR,ko;q=0.9,en;q=0.5");
        var url = $"/admin/petitions/{id}/export";

        var form = await admin.GetAsync(url);

        Assert.Equal("ko", form.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("전달 패키지", form.Heading);
        Assert.Equal("Save the <b>river</b>, 수신: The Minister for Rivers", form.Text(".lead"));
        Assert.Equal("아직 내보낸 항목이 없습니다.", form.Text("#exports-title + p"));
        Assert.Equal("만들 항목", form.Text("legend"));
        Assert.Equal("PDF 권당 서명 수", form.Text("label[for=Input_VolumeSize]"));
        Assert.Equal("내보내기 시작", form.Text("form:not([action]) button"));
        Assert.Equal("서한 저장", form.Text("form[action*='handler=Letter'] button"));

        var invalid = await admin.SubmitAsync(form, new Dictionary<string, string?>
        {
            ["Input.Pdf"] = "false", ["Input.Csv"] = "false", ["Input.VolumeSize"] = "5",
        }, "form:not([action])");
        Assert.Equal("문제가 있습니다", invalid.Text(".error-summary h2"));
        Assert.Equal("오류: 내보낼 항목을 하나 이상 선택하세요.", invalid.Text("#Input_Formats-error"));
        Assert.Equal("오류: 권당 서명 수는 100에서 1,000,000 사이의 정수여야 합니다.", invalid.Text("#Input_VolumeSize-error"));

        var started = await admin.SubmitAsync(form, new Dictionary<string, string?>
        {
            ["Input.Pdf"] = "false", ["Input.Csv"] = "true",
        }, "form:not([action])");
        Assert.Equal(HttpStatusCode.Redirect, started.FirstStatus);
        Assert.Equal("내보내기를 시작했습니다. 이 페이지에 진행 상황과 완성된 파일이 표시됩니다.", started.Text(".notice--success"));
        Assert.StartsWith("내보내기 ", started.Text(".export h3"));
        Assert.EndsWith(": CSV", started.Text(".export h3"));
    }

    [Fact]
    public async Task An_export_in_progress_is_told_in_the_staff_members_language_with_numbers_written_their_way()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var id = await app.PetitionIdAsync(slug);
        var job = await HeldExport.InProgressAsync(app, id, ExportStage.WritingCsv, 1_250, 250_000);
        var url = $"/admin/petitions/{id}/export";

        using var korean = await StaffSpeakingAsync("ko");
        var page = await korean.GetAsync(url);
        Assert.Equal("CSV를 작성하는 중: 서명 250,000개 중 1,250개 작성됨", page.Text($"#export-{job} .export__status"));
        Assert.Equal("진행 상황 확인", page.Text($"#export-{job} .export__check a"));
        Assert.False(page.Has("meta[http-equiv=refresh]"));

        using var german = await StaffSpeakingAsync("de-DE,de;q=0.9");
        Assert.Equal("CSV wird geschrieben: 1.250 von 250.000 Unterschriften geschrieben",
            (await german.GetAsync(url)).Text($"#export-{job} .export__status"));
    }

    [Fact]
    public async Task A_pdf_written_in_volumes_is_told_in_Korean_with_its_number_of_volumes()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var id = await app.PetitionIdAsync(slug);
        var job = await HeldExport.InProgressAsync(app, id, ExportStage.WritingPdf, 1_250, 250_000, volumes: 3);

        using var korean = await StaffSpeakingAsync("ko");
        var page = await korean.GetAsync($"/admin/petitions/{id}/export");

        Assert.Equal("PDF를 3권으로 작성하는 중: 서명 250,000개 중 1,250개 작성됨", page.Text($"#export-{job} .export__status"));
    }

    [Fact]
    public async Task An_export_whose_worker_went_down_every_time_is_given_up_and_told_in_Korean()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var id = await app.PetitionIdAsync(slug);
        // As instances that died mid-export left it: started three times, its last lease run out.
        var inserted = await app.WithDbAsync(db => db.Database.SqlQuery<long>($"""
            INSERT INTO export_jobs (petition_id, formats, volume_size, status, stage, rows_done, rows_total, files, requested_by,
                                     requested_at, started_at, locked_until, attempts)
            VALUES ({id}, 'Csv', 100000, 'Running', 'WritingCsv', 1, 3, ARRAY[]::text[], 'admin@example.org',
                    now() - interval '5 minutes', now() - interval '5 minutes', now() - interval '1 minute', 3)
            RETURNING id AS "Value"
            """).ToListAsync());
        var job = inserted.Single();

        await Eventually.TrueAsync(async () => await app.WithDbAsync(db => db.ExportJobs.AnyAsync(j => j.Id == job && j.Status == ExportStatus.Failed)),
            TimeSpan.FromSeconds(60), "the export given up");

        var failed = await app.WithDbAsync(db => db.ExportJobs.AsNoTracking().SingleAsync(j => j.Id == job));
        Assert.Equal((ExportFailure.TooManyAttempts, 4, (string?)null), (failed.Failure, failed.Attempts, failed.Error));
        using var korean = await StaffSpeakingAsync("ko");
        var page = await korean.GetAsync($"/admin/petitions/{id}/export");
        Assert.Equal("내보내기에 실패했습니다: 내보내기를 3번 시작했지만 끝나지 않았습니다.", page.Text($"#export-{job} .export__status"));
        Assert.False(page.Has($"#export-{job} .export__files"));
    }

    [Fact]
    public async Task An_Arabic_admin_reads_the_dashboard_right_to_left_and_saves_the_cover_letter_in_Arabic()
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(3).BuildAsync(app);
        var id = await app.PetitionIdAsync(slug);
        using var admin = await StaffSpeakingAsync("ar-EG,ar;q=0.9");

        var dashboard = await admin.GetAsync($"/admin/petitions/{id}");

        Assert.Equal("ar", dashboard.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("rtl", dashboard.Document.DocumentElement.GetAttribute("dir"));
        Assert.Equal("مفتوحة", dashboard.Text(".status"));
        Assert.Equal("التوقيعات حسب الحالة", dashboard.Text("#counts-title"));
        Assert.Equal("3 مؤكَّدة ومحتسَبة", dashboard.Text("#count-counted"));
        Assert.Equal("هذه العريضة", dashboard.Document.QuerySelector("nav.actions")!.GetAttribute("aria-label"));
        Assert.Equal("التوقيعات", dashboard.Text($"a[href='/admin/petitions/{id}/signatures']"));
        Assert.Equal("التضمين في موقع آخر", dashboard.Text("#embed-title"));

        var export = await admin.GetAsync($"/admin/petitions/{id}/export");
        Assert.Equal("حزمة التسليم", export.Heading);
        var tooLong = await admin.SubmitAsync(export, new Dictionary<string, string?>
        {
            ["Letter.Organiser"] = new string('x', 201), ["Letter.CoverLetter"] = "Dear {recipient}",
        }, "form[action*='handler=Letter']");
        Assert.Equal("خطأ: يجب ألا يتجاوز اسم الجهة المنظِّمة 200 حرفًا.", tooLong.Text("#Letter_Organiser-error"));

        var saved = await admin.SubmitAsync(export, new Dictionary<string, string?>
        {
            ["Letter.Organiser"] = "Friends of the River", ["Letter.CoverLetter"] = "Dear {recipient}",
        }, "form[action*='handler=Letter']");
        Assert.Equal("حُفظت رسالة التغطية.", saved.Text(".notice--success"));
    }

    [Fact]
    public async Task A_Japanese_moderator_reads_what_is_trending_in_Japanese()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var id = await app.PetitionIdAsync(slug);
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);
        moderator.Http.DefaultRequestHeaders.Add("Accept-Language", "ja-JP");

        var page = await moderator.GetAsync($"/admin/petitions/{id}/trending");

        Assert.Equal("直近1時間の動向", page.Heading);
        Assert.Equal(["IP アドレス", "メールのドメイン"], page.Document.QuerySelectorAll("main h2").Select(h => h.TextContent.Trim()));
        Assert.Equal("直近1時間の署名はありません。", page.Text("main h2 + p"));
        Assert.Matches(@"^\d\d:\d\d UTC 以降の署名", page.Text("main h1 ~ p:not(.lead)"));
    }
}
