using System.Text;
using Petitions.Core.Abuse;
using Petitions.Core.Staff;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.Languages;

// Staff editing petitions, changing the abuse rules and importing paper signatures read the pages,
// the validation messages Core writes and the notices after a change in their browser's language.
public sealed class EditingLanguageTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    private async Task<Browser> StaffSpeakingAsync(string role, string acceptLanguage)
    {
        var browser = await app.StaffBrowserAsync(role);
        browser.Http.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);
        return browser;
    }

    private static Dictionary<string, string?> NewPetition(string slug, string title) => new()
    {
        ["Input.Title"] = title,
        ["Input.Slug"] = slug,
        ["Input.RecipientName"] = "Der Umweltminister",
        ["Input.RecipientAddress"] = "",
        ["Input.Summary"] = "Schluss mit der Verschmutzung.",
        ["Input.Body"] = "Der Fluss stirbt.",
        ["Input.Demands"] = "Verschmutzung stoppen",
        ["Input.Target"] = "500",
        ["Input.ClosesOn"] = "",
        ["Input.CityField"] = "Optional",
        ["Input.CommentField"] = "Optional",
    };

    [Fact]
    public async Task A_German_admin_gets_the_new_petition_form_its_errors_and_its_notices_in_German()
    {
        using var admin = await StaffSpeakingAsync(StaffRoles.Admin, "de-DE,de;q=0.9");

        var form = await admin.GetAsync("/admin/petitions/new");
        Assert.Equal("de", form.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Neue Petition", form.Heading);
        Assert.Equal("Titel", form.Text("label[for=Input_Title]"));
        Assert.Equal("Webadresse", form.Text("label[for=Input_Slug]"));
        Assert.Equal("Zielzahl an Unterschriften", form.Text("label[for=Input_Target]"));
        Assert.Equal("Leer lassen, damit sie offen bleibt, bis Sie sie beenden.", form.Text("#Input_ClosesOn-hint"));
        Assert.Equal(["Nicht angezeigt", "Angezeigt, optional", "Angezeigt, Pflichtfeld"],
            form.Document.QuerySelectorAll("#Input_CityField option").Skip(1).Select(o => o.TextContent.Trim()));
        Assert.Equal("Entwurf speichern", form.Text("main form button"));

        var slug = $"fluss-{Guid.NewGuid():N}";
        var refused = await admin.SubmitAsync(form, NewPetition(slug, ""));
        Assert.Equal("Geben Sie einen Titel ein.", refused.Text(".error-summary a[href='#Input_Title']"));
        Assert.EndsWith("Geben Sie einen Titel ein.", refused.Text("#Input_Title-error"));

        var saved = await admin.SubmitAsync(form, NewPetition(slug, "Rettet den Fluss"));
        Assert.Equal("Der Entwurf ist gespeichert.", saved.Text(".notice--success"));
        Assert.Equal("Entwurf", saved.Text(".summary-list dd"));
        Assert.Equal("Veröffentlichen", saved.Text("form[action*='handler=Publish'] button"));

        var published = await admin.SubmitAsync(saved, new Dictionary<string, string?>(), "form[action*='handler=Publish']");
        Assert.Equal("Die Petition ist veröffentlicht und kann unterschrieben werden.", published.Text(".notice--success"));
        Assert.Equal("Fest: Die Petition ist veröffentlicht und ihre Adresse wurde bereits geteilt.", published.Text("#Input_Slug-hint"));

        var id = await app.PetitionIdAsync(slug);
        await Deliveries.FinishedExportAsync(app, id, 0);
        var delivery = await admin.GetAsync($"/admin/petitions/{id}/delivery");
        Assert.Equal("Übergabe " + "Rettet den Fluss", delivery.Heading);
        var delivered = await Deliveries.SubmitAsync(admin, delivery, new Dictionary<string, string?>
        {
            ["Input.On"] = "2026-03-14", ["Input.Place"] = "Bundestag, Berlin", ["Input.By"] = "Die Flussinitiative",
        });
        Assert.Equal("Die Übergabe am 14. März 2026 ist eingetragen.", delivered.Text(".notice--success"));
    }

    [Fact]
    public async Task A_Korean_admin_translating_a_petition_reads_Korean_labels_and_types_in_the_translations_language()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        using var admin = await StaffSpeakingAsync(StaffRoles.Admin, "ko-KR,ko;q=0.9");

        var page = await admin.GetAsync($"/admin/petitions/{await app.PetitionIdAsync(slug)}/translations/ar");

        Assert.Equal("ko", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("العربية 번역", page.Heading);
        Assert.StartsWith("제목", page.Text("label[for=Input_Title]"));
        Assert.Null(page.Document.QuerySelector("label[for=Input_Title]")!.Closest("[lang=ar]"));
        Assert.Equal("ar", page.Document.QuerySelector("#Input_Title")!.GetAttribute("lang"));
        Assert.Equal("rtl", page.Document.QuerySelector("#Input_Body")!.GetAttribute("dir"));
        Assert.Equal("번역 저장", page.Text("main form button"));
    }

    [Fact]
    public async Task A_Korean_admin_gets_the_abuse_rules_their_errors_and_notices_in_Korean()
    {
        // Rules within the form's limits, so that sending the form back unchanged is valid.
        await app.SetAbuseRulesAsync(burstLimit: 5, sustainedLimit: 50);
        using var admin = await StaffSpeakingAsync(StaffRoles.Admin, "ko");

        var rules = await admin.GetAsync("/admin/rules");
        Assert.Equal("악용 방지 규칙", rules.Heading);
        Assert.Equal("단기 한도", rules.Text("label[for=Input_BurstLimit]"));
        Assert.Equal("규칙 저장", rules.Text("main form button"));
        Assert.Equal("차단 목록에 추가", rules.Text("a[href='/admin/rules/access-list/add?list=Block']"));

        var fields = rules.Document.QuerySelector("main form")!.QuerySelectorAll("input.input")
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value"));
        var unchanged = await admin.SubmitAsync(rules, fields, "main form");
        Assert.Equal("변경된 내용이 없습니다. 규칙은 그대로입니다.", unchanged.Text(".notice--success"));

        var refused = await admin.SubmitAsync(rules, new Dictionary<string, string?>(fields) { ["Input.BurstLimit"] = "0" }, "main form");
        Assert.Equal("단기 한도는 1~10,000개 서명 사이여야 합니다.", refused.Text(".error-summary a[href='#Input_BurstLimit']"));

        var add = await admin.GetAsync("/admin/rules/access-list/add");
        Assert.Equal("목록에 추가", add.Heading);
        var badRange = await admin.SubmitAsync(add, new Dictionary<string, string?>
        {
            ["Input.List"] = "Block", ["Input.Kind"] = "IpRange", ["Input.Value"] = "203.0.113.7/24",
        }, "main form");
        Assert.Equal("203.0.113.7/24은(는) 범위의 시작 주소가 아닙니다. 203.0.113.0/24을(를) 입력하려고 하셨나요?", badRange.Text(".error-summary a[href='#Input_Value']"));
        Assert.Equal("IP 주소 또는 범위", badRange.Text("#Input_Kind option[selected]"));

        var domain = $"farm-{Guid.NewGuid():N}.example";
        var added = await admin.SubmitAsync(add, new Dictionary<string, string?>
        {
            ["Input.List"] = "Block", ["Input.Kind"] = "EmailDomain", ["Input.Value"] = domain,
        }, "main form");
        Assert.Equal($"이메일 도메인 {domain}을(를) 차단 목록에 추가했습니다.", added.Text(".notice--success"));
        await app.SetAbuseRulesAsync();
    }

    [Fact]
    public async Task A_Japanese_moderator_gets_the_import_pages_and_the_verdict_on_each_row_in_Japanese()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var petitionId = await app.PetitionIdAsync(slug);
        using var moderator = await StaffSpeakingAsync(StaffRoles.Moderator, "ja-JP,ja;q=0.9");

        var upload = await moderator.GetAsync($"/admin/petitions/{petitionId}/import");
        Assert.Equal("ja", upload.Document.DocumentElement.GetAttribute("lang"));
        Assert.StartsWith("紙の署名の取り込み", upload.Heading);
        Assert.Equal("CSV ファイル", upload.Text("label[for=file]"));
        Assert.Equal("ファイルを確認", upload.Text("form.upload-form button"));

        var empty = await moderator.UploadAsync(upload, "form.upload-form", "file", "empty.csv", [0x20]);
        Assert.EndsWith("ファイルが空です。", empty.Text("#file-error"));

        var sheet = "name,email,country,city,date\r\n"
            + "Ada Lovelace,ada@example.org,GB,London,2026-03-01\r\n"
            + ",nameless@example.org,DE,Berlin,2026-03-03\r\n"
            + "Bad Country,bad@example.org,Narnia,,2026-03-03\r\n";
        var report = await moderator.UploadAsync(upload, "form.upload-form", "file", "sheet.csv", Encoding.UTF8.GetBytes(sheet));
        var rows = report.Document.QuerySelectorAll("table.import-rows tbody tr").ToDictionary(
            tr => tr.QuerySelector("th")!.TextContent.Trim(),
            tr => (Outcome: tr.Children[1].TextContent.Trim(), Why: tr.Children[7].TextContent.Trim()));
        Assert.Equal(("準備完了", ""), rows["2"]);
        Assert.Equal(("無効", "氏名がありません。"), rows["3"]);
        Assert.Equal(("無効", "「Narnia」は認識できる国コードまたは国名ではありません。"), rows["4"]);
        Assert.Equal("理由", report.Text("table.import-rows thead th:last-child"));
        Assert.Equal("1 行を取り込む", report.Text("form.commit-form button"));

        var done = await moderator.SubmitAsync(report, new Dictionary<string, string?>(), "form.commit-form");
        Assert.Equal("1 件の署名を取り込みました。公開の署名数が 1 増えました。", done.Text(".notice"));
    }
}
