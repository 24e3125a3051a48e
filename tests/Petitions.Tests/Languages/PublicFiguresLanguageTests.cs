using System.Globalization;
using Petitions.Core.Languages;
using Petitions.Core.Signing;
using Petitions.Tests.Infrastructure;
using Petitions.Tests.PublicData;

namespace Petitions.Tests.Languages;

// The petition page's figures, its share panel and the embeddable widget, as a reader of another
// language sees them: words, country names, dates and the message they are offered to send.
public sealed class PublicFiguresLanguageTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    [Fact]
    public async Task A_Korean_reader_gets_the_statistics_chart_and_share_panel_in_Korean()
    {
        var slug = await Seeded.PetitionAsync(app);
        using var browser = app.BrowserSpeaking("ko-KR,ko;q=0.9");

        var page = await browser.GetAsync($"/petitions/{slug}");

        Assert.Equal("서명 현황", page.Text("#stats-title"));
        Assert.Equal("국가별 서명", page.Text("#countries-title"));
        Assert.Equal("시간대별 서명", page.Text("#timeline-title"));
        Assert.Equal("최근 서명자", page.Text("#signers-title"));
        Assert.Equal(["순위", "국가", "서명 수", "비율"],
            page.Document.QuerySelectorAll("#signatures-by-country thead th").Select(th => th.TextContent.Trim()));
        Assert.Equal(["프랑스", "브라질"],
            page.Document.QuerySelectorAll("#signatures-by-country tbody th[scope=row]").Select(th => th.TextContent.Trim()));
        Assert.Contains("브라질", page.Text(".signers__country"));

        Assert.Equal("시간대별 확인된 서명(UTC)", page.Text("#timeline-chart-title"));
        var summary = page.Text("#timeline-chart-desc");
        Assert.Contains("4명이 서명했습니다", summary);
        // Hours as a Korean reader writes a day: "11월 28일 14:00".
        Assert.Contains(Seeded.EarlierHour.ToString("M월 d일 HH:00", CultureInfo.InvariantCulture), summary);
        Assert.DoesNotContain("signatures", summary);

        Assert.Equal("이 청원 공유하기", page.Text("#share-title"));
        Assert.Equal("이 청원의 링크", page.Text("label[for=share-url]"));
        Assert.Equal("링크 복사", page.Text("button[data-copy-from=share-url]"));
        var whatsapp = page.Document.QuerySelector("a.share__link--whatsapp")!;
        Assert.StartsWith("WhatsApp에 공유", whatsapp.TextContent.Trim());
        // The message the supporter is offered to send is in the page's language too.
        Assert.Contains(Uri.EscapeDataString("이 청원에 서명해 주세요"), whatsapp.GetAttribute("href"));
        Assert.Contains("QR 코드", page.Document.QuerySelector(".share__qr img")!.GetAttribute("alt"));
    }

    [Fact]
    public async Task An_Arabic_reader_gets_the_statistics_and_share_panel_in_Arabic()
    {
        var slug = await Seeded.PetitionAsync(app);
        using var browser = app.BrowserSpeaking("ar-EG,ar;q=0.9");

        var page = await browser.GetAsync($"/petitions/{slug}");

        Assert.Equal("rtl", page.Document.DocumentElement.GetAttribute("dir"));
        Assert.Equal("من يوقّع", page.Text("#stats-title"));
        Assert.Equal(["فرنسا", "البرازيل"],
            page.Document.QuerySelectorAll("#signatures-by-country tbody th[scope=row]").Select(th => th.TextContent.Trim()));
        Assert.Equal("التوقيعات المؤكَّدة في الساعة (UTC)", page.Text("#timeline-chart-title"));
        Assert.StartsWith("بلغ عدد التوقيعات 4", page.Text("#timeline-chart-desc"));
        Assert.Equal("شارك هذه العريضة", page.Text("#share-title"));
        Assert.StartsWith("المشاركة عبر Telegram", page.Document.QuerySelector("a.share__link--telegram")!.TextContent.Trim());
    }

    [Fact]
    public async Task The_sign_forms_countries_are_named_and_sorted_in_the_readers_language()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        using var korean = app.BrowserSpeaking("ko");
        using var arabic = app.BrowserSpeaking("ar");

        var ko = (await korean.GetAsync($"/petitions/{slug}")).Document.QuerySelectorAll("#Input_Country option[value]")
            .Where(o => o.GetAttribute("value") != "").ToDictionary(o => o.GetAttribute("value")!, o => o.TextContent.Trim());
        var arOptions = (await arabic.GetAsync($"/petitions/{slug}")).Document.QuerySelectorAll("#Input_Country option[value]")
            .Where(o => o.GetAttribute("value") != "").Select(o => (Code: o.GetAttribute("value")!, Name: o.TextContent.Trim())).ToArray();

        Assert.Equal("대한민국", ko["KR"]);
        Assert.Equal("영국", ko["GB"]);
        Assert.Equal(Countries.AllCodes.Count, ko.Count);
        Assert.Equal("المملكة المتحدة", arOptions.Single(o => o.Code == "GB").Name);
        Assert.Equal("مصر", arOptions.Single(o => o.Code == "EG").Name);
        var arabicOrder = StringComparer.Create(CultureInfo.GetCultureInfo("ar"), CompareOptions.IgnoreCase);
        Assert.Equal(arOptions.Select(o => o.Name).Order(arabicOrder), arOptions.Select(o => o.Name));
    }

    [Theory]
    [InlineData("de", "3 Unterschriften von 10", "Diese Petition unterschreiben")]
    [InlineData("ja", "目標 10 人中 3 人が署名", "この請願に署名する")]
    [InlineData("ar", "عدد التوقيعات: 3 من أصل 10", "وقّع على هذه العريضة")]
    public async Task The_widget_speaks_the_language_of_the_page_it_is_embedded_for(string language, string count, string button)
    {
        var slug = await A.Petition().Open().Titled("Save the river").WithTarget(10).WithConfirmedSignatures(3).BuildAsync(app);
        using var browser = app.BrowserSpeaking(language);

        var widget = await browser.GetAsync($"/petitions/{slug}/widget");

        Assert.Equal(language, widget.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal(language == "ar" ? "rtl" : "ltr", widget.Document.DocumentElement.GetAttribute("dir"));
        Assert.Equal(count, widget.Text(".widget__count"));
        Assert.StartsWith(button, widget.Text("a.widget__button"));
        Assert.NotEqual("Progress toward the target", widget.Document.QuerySelector("progress")!.GetAttribute("aria-label"));
    }

    [Fact]
    public void Every_country_the_app_accepts_has_a_name_in_every_site_language()
    {
        foreach (var language in SiteLanguages.All)
        {
            var culture = language.Culture;
            foreach (var code in Countries.AllCodes)
            {
                Assert.True(Countries.IsKnown(code), code);
                var name = Countries.NameOf(code, culture);
                Assert.False(string.IsNullOrWhiteSpace(name), $"{code} in {language.Tag}");
                Assert.NotEqual(code, name);
                // A language's own name, not English standing in for it (the Latin-script
                // languages share a few, such as "Canada").
                if (language.Tag is "ko" or "ja" or "zh-Hans" or "zh-Hant" or "ar")
                    Assert.NotEqual(Countries.NameOf(code), name);
            }
        }
        Assert.Equal(SiteLanguages.All.Select(l => l.Tag).Order(), Countries.Languages.Order());
        // Regions of a language find its table; an unknown language falls back to English.
        Assert.Equal("대한민국", Countries.NameOf("KR", CultureInfo.GetCultureInfo("ko-KR")));
        Assert.Equal("英國", Countries.NameOf("GB", CultureInfo.GetCultureInfo("zh-TW")));
        Assert.Equal("United Kingdom", Countries.NameOf("GB", CultureInfo.GetCultureInfo("sw")));
        Assert.Equal("United Kingdom", Countries.NameOf("GB"));
    }
}
