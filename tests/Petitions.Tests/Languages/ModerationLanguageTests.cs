using System.Net;
using Petitions.Core.Audit;
using Petitions.Core.Staff;
using Petitions.Tests.Infrastructure;
using Petitions.Tests.Moderation;

namespace Petitions.Tests.Languages;

// A moderator reads the signature list, the changes by filter, one signature and the audit log in
// the language their browser asks for, counts included, with each language's own plural.
public sealed partial class ModerationLanguageTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    private async Task<Browser> StaffSpeakingAsync(string role, string acceptLanguage)
    {
        var browser = await app.StaffBrowserAsync(role);
        browser.Http.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);
        return browser;
    }

    // Five counted GB signatures, one pending from GB, two counted from FR: seven counted in all.
    private static PetitionBuilder PetitionWithGBAndFR() => A.Petition().Open().With(
    [
        .. Enumerable.Range(0, 5).Select(i => A.Signature($"GB confirmed {i}").From("GB")),
        A.Signature("GB pending").From("GB").Pending(),
        .. Enumerable.Range(0, 2).Select(i => A.Signature($"FR confirmed {i}").From("FR")),
    ]);

    [Fact]
    public async Task A_Korean_moderator_filters_the_signature_list_in_Korean()
    {
        var slug = await PetitionWithGBAndFR().BuildAsync(app);
        var petitionId = await app.PetitionIdAsync(slug);
        using var moderator = await StaffSpeakingAsync(StaffRoles.Moderator, "ko-KR,ko;q=0.9");

        var page = await moderator.GetAsync($"/admin/petitions/{petitionId}/signatures?country=GB");

        Assert.Equal("ko", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.StartsWith("서명", page.Text("h1"));
        Assert.Equal("상태", page.Text("label[for=status]"));
        Assert.Equal("검토 필요", page.Document.QuerySelector("#status option[value=flagged]")!.TextContent.Trim());
        Assert.Equal("IP 주소 또는 범위", page.Text("label[for=ip]"));
        Assert.Equal("예: 203.0.113.7 또는 203.0.113.0/24", page.Text("#ip-hint"));
        Assert.Equal("서명 보기", page.Text(".filters button[type=submit]"));
        Assert.Equal("국가: GB 조건에 맞는 서명, 최신순", page.Text("table.signatures caption"));
        Assert.Equal("확인됨", page.Text("table.signatures tbody .status--confirmed"));
        Assert.Equal(6, page.Names().Length);
    }

    [Fact]
    public async Task A_bad_filter_is_explained_in_the_moderators_language()
    {
        var slug = await PetitionWithGBAndFR().BuildAsync(app);
        var petitionId = await app.PetitionIdAsync(slug);
        using var moderator = await StaffSpeakingAsync(StaffRoles.Moderator, "ko");

        var page = await moderator.GetAsync($"/admin/petitions/{petitionId}/signatures?ip=10&from=2026-02-01&to=2026-01-01");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        const string ipMessage = "203.0.113.7과 같은 IP 주소나 203.0.113.0/24와 같은 CIDR 형식의 범위를 입력하세요.";
        Assert.Equal($"오류: {ipMessage}", page.Text("#ip-error"));
        Assert.Equal(ipMessage, page.Text(".error-summary a[href='#ip']"));
        Assert.Equal("오류: 종료 날짜는 시작 날짜와 같거나 그 이후여야 합니다.", page.Text("#to-error"));
        Assert.Empty(page.Names());
    }

    [Fact]
    public async Task A_Korean_moderator_previews_and_confirms_a_bulk_invalidation_in_Korean()
    {
        var slug = await PetitionWithGBAndFR().BuildAsync(app);
        var petitionId = await app.PetitionIdAsync(slug);
        using var moderator = await StaffSpeakingAsync(StaffRoles.Moderator, "ko-KR,ko;q=0.9,en;q=0.5");

        var preview = await moderator.GetAsync($"/admin/petitions/{petitionId}/signatures/bulk/invalidate?country=GB");

        Assert.Equal("서명 무효 처리", preview.Text("h1"));
        Assert.Equal("서명 6건을 무효 처리합니다. 공개 서명 수가 5만큼 줄어듭니다.", Squash(preview.Text(".bulk-count")));
        Assert.Equal("서명 6건 무효 처리", preview.Text("form.bulk-form button[type=submit]"));
        Assert.Equal("무효 처리 사유", preview.Text("label[for=reason]"));

        var refused = await moderator.SubmitAsync(preview, new Dictionary<string, string?> { ["reason"] = " " }, "form.bulk-form");
        Assert.Equal("오류: 무효 처리 사유를 입력하세요.", refused.Text("#reason-error"));

        var done = await moderator.SubmitAsync(refused, new Dictionary<string, string?> { ["reason"] = "한 곳에서 몰려온 자동 서명" }, "form.bulk-form");

        Assert.Equal(new Uri(app.BaseAddress, $"/admin/petitions/{petitionId}/signatures?country=GB"), done.Url);
        Assert.Equal("서명 6건을 무효 처리했습니다. 공개 서명 수가 5만큼 줄었습니다.", done.Notice());
        Assert.Equal(2, await app.PublicCountAsync(slug));
    }

    // One signature and several: English and German have a singular, Korean, Japanese and Chinese
    // write both alike, and Arabic is worded to read correctly for any count.
    [Theory]
    [InlineData("en", "GB", "This will invalidate 1 signature. The public count will go down by 1.")]
    [InlineData("en", "FR", "This will invalidate 2 signatures. The public count will go down by 2.")]
    [InlineData("de", "GB", "Damit wird 1 Unterschrift für ungültig erklärt. Der öffentliche Zähler sinkt um 1.")]
    [InlineData("de", "FR", "Damit werden 2 Unterschriften für ungültig erklärt. Der öffentliche Zähler sinkt um 2.")]
    [InlineData("ja", "FR", "2 件の署名を無効にします。 公開署名数が 2 減ります。")]
    [InlineData("zh-TW", "FR", "這將作廢 2 筆連署。 公開連署數將減少 2。")]
    [InlineData("ar", "GB", "سيُبطل هذا الإجراء توقيعًا واحدًا. سينخفض العدد المعلن بمقدار 1.")]
    [InlineData("ar", "FR", "سيُبطل هذا الإجراء التوقيعات المطابقة (عدد التوقيعات: 2). سينخفض العدد المعلن بمقدار 2.")]
    public async Task A_bulk_preview_says_one_signature_or_several_as_each_language_does(string acceptLanguage, string country, string sentence)
    {
        var slug = await A.Petition().Open().With(
            A.Signature("Only GB").From("GB"), A.Signature("First FR").From("FR"), A.Signature("Second FR").From("FR")).BuildAsync(app);
        var petitionId = await app.PetitionIdAsync(slug);
        using var moderator = await StaffSpeakingAsync(StaffRoles.Moderator, acceptLanguage);

        var preview = await moderator.GetAsync($"/admin/petitions/{petitionId}/signatures/bulk/invalidate?country={country}");

        Assert.Equal(sentence, Squash(preview.Text(".bulk-count")));
    }

    [Fact]
    public async Task An_Arabic_moderator_invalidates_one_signature_and_reads_the_notice_in_Arabic()
    {
        var slug = await A.Petition().Open().With(A.Signature("Mickey Mouse")).BuildAsync(app);
        var id = await app.SignatureIdAsync(slug, "Mickey Mouse");
        using var moderator = await StaffSpeakingAsync(StaffRoles.Moderator, "ar-EG,ar;q=0.9");

        var page = await moderator.GetAsync($"/admin/signatures/{id}");
        Assert.Equal("rtl", page.Document.DocumentElement.GetAttribute("dir"));
        Assert.Equal("توقيع Mickey Mouse", page.Text("h1"));
        Assert.Equal("إبطال التوقيع", page.Text("form.invalidate-form button"));

        var refused = await moderator.SubmitAsync(page, new Dictionary<string, string?> { ["reason"] = "" }, "form.invalidate-form");
        Assert.Equal("خطأ: أدخل سبب الإبطال.", refused.Text("#reason-error"));

        var done = await moderator.SubmitAsync(refused, new Dictionary<string, string?> { ["reason"] = "ليس شخصًا حقيقيًا" }, "form.invalidate-form");
        Assert.Equal("تم إبطال التوقيع. انخفض العدد المعلن بمقدار 1.", done.Notice());
        Assert.Equal("مُبطَل", done.Text(".status--invalidated"));
    }

    [Fact]
    public async Task A_German_admin_reads_and_filters_the_audit_log_in_German()
    {
        var actor = new Actor(Guid.NewGuid().ToString(), $"pruefer-{Guid.NewGuid():N}@example.org", IPAddress.Parse("198.51.100.5"));
        await app.WithDbAsync(async db =>
        {
            db.AuditEntries.Add(new AuditEntry(actor, AuditActions.SignatureInvalidated, "signature:1", "stored as written", new(2026, 3, 3, 12, 0, 5, TimeSpan.Zero)));
            await db.SaveChangesAsync();
        });
        using var admin = await StaffSpeakingAsync(StaffRoles.Admin, "de-DE,de;q=0.9");

        var page = await admin.GetAsync($"/admin/audit?actor={Uri.EscapeDataString(actor.Email)}");

        Assert.Equal("Prüfprotokoll", page.Text("h1"));
        Assert.Equal("Aktion (optional)", page.Text("label[for=action]"));
        Assert.Equal("Filtern", page.Text("form.filters button[type=submit]"));
        Assert.Equal("Unterschriften für ungültig erklärt", page.Text("#audit-entries .audit__action"));
        Assert.Equal("3. März 2026, 12:00:05", page.Text("#audit-entries tbody time"));
        // Details are stored as they were written, and shown so.
        Assert.Equal("stored as written", page.Text("#audit-entries .audit__details"));

        var refused = await admin.GetAsync("/admin/audit?from=gestern");
        Assert.Equal("Fehler: Geben Sie das Anfangsdatum als Datum ein, etwa 2026-11-27.", refused.Text("#from-error"));
    }

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
