using System.Net;
using Microsoft.EntityFrameworkCore;
using Petitions.Tests.Infrastructure;
using Petitions.Tests.Signing;

namespace Petitions.Tests.Languages;

public sealed class LanguageTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    private Browser BrowserSpeaking(string acceptLanguage)
    {
        var browser = app.Browser();
        browser.Http.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);
        return browser;
    }

    [Fact]
    public async Task Korean_browser_gets_the_sign_form_in_Korean()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = BrowserSpeaking("ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7");

        var page = await browser.GetAsync($"/petitions/{slug}");

        Assert.Equal("ko", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("ltr", page.Document.DocumentElement.GetAttribute("dir"));
        Assert.Equal("이 청원에 서명하기", page.Text("#sign-title"));
        Assert.Equal("이름", page.Text("label[for=Input_Name]"));
        Assert.Equal("도시 또는 우편번호 (선택)", page.Text("label[for=Input_City]"));
        Assert.StartsWith("본인은 이 청원의 서명자로서", page.Text("label[for=Input_Consent]"));
        Assert.Contains("The Minister for Rivers", page.Text("label[for=Input_Consent]"));
        Assert.Equal("본문으로 건너뛰기", page.Text(".skip-link"));
    }

    [Theory]
    [InlineData("zh-TW,zh;q=0.9", "zh-Hant", "連署此請願")]
    [InlineData("zh-CN,zh;q=0.9", "zh-Hans", "签署此请愿")]
    [InlineData("ja", "ja", "この請願に署名する")]
    [InlineData("es-MX,es;q=0.9", "es", "Firmar esta petición")]
    [InlineData("fr-CA", "fr", "Signer cette pétition")]
    [InlineData("de-AT,de;q=0.8", "de", "Diese Petition unterschreiben")]
    [InlineData("sw-KE,sw;q=0.9", "en", "Sign this petition")]
    [InlineData("sw-KE,de;q=0.5", "de", "Diese Petition unterschreiben")]
    public async Task Accept_language_picks_the_first_language_the_site_speaks_and_English_when_there_is_none(
        string acceptLanguage, string tag, string signHeading)
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = BrowserSpeaking(acceptLanguage);

        var page = await browser.GetAsync($"/petitions/{slug}");

        Assert.Equal(tag, page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal(signHeading, page.Text("#sign-title"));
    }

    [Fact]
    public async Task A_browser_without_a_language_gets_English()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = app.Browser();

        var page = await browser.GetAsync($"/petitions/{slug}");

        Assert.Equal("en", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Sign this petition", page.Text("#sign-title"));
    }

    [Fact]
    public async Task Arabic_pages_are_right_to_left()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = BrowserSpeaking("ar-EG,ar;q=0.9");

        foreach (var path in new[] { $"/petitions/{slug}", "/", "/privacy", "/no-such-page" })
        {
            var page = await browser.GetAsync(path);
            Assert.Equal("ar", page.Document.DocumentElement.GetAttribute("lang"));
            Assert.Equal("rtl", page.Document.DocumentElement.GetAttribute("dir"));
        }
        Assert.Equal("وقّع على هذه العريضة", (await browser.GetAsync($"/petitions/{slug}")).Text("#sign-title"));
        Assert.Equal("الصفحة غير موجودة", (await browser.GetAsync("/no-such-page")).Heading);
    }

    [Fact]
    public async Task Every_public_page_offers_every_language_by_its_own_name()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = app.Browser();

        foreach (var path in new[] { "/", $"/petitions/{slug}", $"/petitions/{slug}/check-your-email", "/privacy", "/no-such-page" })
        {
            var page = await browser.GetAsync(path);
            var names = page.Document.QuerySelectorAll(".languages a").Select(a => a.TextContent.Trim()).ToArray();
            Assert.Equal(["English", "한국어", "简体中文", "繁體中文", "日本語", "Español", "Français", "Deutsch", "العربية"], names);
        }
    }

    [Fact]
    public async Task The_switcher_sets_the_culture_cookie_and_the_next_pages_are_in_that_language()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = BrowserSpeaking("en-GB");
        var english = await browser.GetAsync($"/petitions/{slug}");
        var french = english.Document.QuerySelector(".languages a[hreflang=fr]")!.GetAttribute("href")!;

        var page = await browser.GetAsync(french);

        Assert.Equal(new Uri(app.BaseAddress, $"/petitions/{slug}"), page.Url);
        Assert.Equal("fr", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Signer cette pétition", page.Text("#sign-title"));
        Assert.Contains(browser.SetCookieHeaders, h => h.StartsWith(".AspNetCore.Culture=c%3Dfr%7Cuic%3Dfr", StringComparison.Ordinal));
        // The cookie outranks the browser's own English, on every page after.
        Assert.Equal("Politique de confidentialité", (await browser.GetAsync("/privacy")).Heading);
        Assert.Equal("Pétitions ouvertes", (await browser.GetAsync("/")).Heading);
        Assert.Equal("true", (await browser.GetAsync("/")).Document.QuerySelector(".languages a[hreflang=fr]")!.GetAttribute("aria-current"));
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example/phish")]
    [InlineData("")]
    public async Task The_switcher_only_returns_to_a_page_on_this_site(string returnUrl)
    {
        using var browser = app.Browser();

        var response = await browser.Http.GetAsync($"/language/de?returnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_switcher_refuses_a_language_the_site_does_not_speak()
    {
        using var browser = app.Browser();

        var response = await browser.Http.GetAsync("/language/xx?returnUrl=%2F");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(browser.SetCookieHeaders, h => h.StartsWith(".AspNetCore.Culture", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Validation_errors_come_back_in_the_chosen_language()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = BrowserSpeaking("de-DE,de;q=0.9");
        var form = SignForm.Valid("not-an-email").With("Input.Name", "").With("Input.Consent", null);

        var page = await browser.SubmitAsync(await browser.GetAsync($"/petitions/{slug}"), form);

        Assert.Equal("Es gibt ein Problem", page.Text("#error-summary-title"));
        Assert.Equal("Fehler: Geben Sie Ihren vollständigen Namen ein.", page.Text("#Input_Name-error"));
        Assert.Equal("Geben Sie eine E-Mail-Adresse im richtigen Format ein, etwa name@example.com.", page.Text(".error-summary a[href='#Input_Email']"));
        Assert.Equal("Setzen Sie das Häkchen, um zuzustimmen, dass Ihre Unterschrift übergeben wird.", page.Text(".error-summary a[href='#Input_Consent']"));
    }

    [Fact]
    public async Task The_confirmation_email_arrives_in_the_signers_language_and_so_does_the_receipt()
    {
        var slug = await A.Petition().Open().Titled("Save the river").BuildAsync(app);
        var email = SignForm.UniqueEmail();
        using var japanese = BrowserSpeaking("ja-JP,ja;q=0.9");

        var checkEmail = await japanese.SubmitAsync(await japanese.GetAsync($"/petitions/{slug}"), SignForm.Valid(email, name: "山田 太郎"));

        Assert.Equal("メールを確認してください", checkEmail.Heading);
        var confirmation = await app.Inbox.WaitForAsync(email, "署名を確認してください");
        Assert.Equal("署名を確認してください：Save the river", confirmation.Subject);
        // No name before the address is confirmed; the receipt after it greets the signer by name.
        Assert.StartsWith("こんにちは。", confirmation.Text.TrimStart());
        Assert.Contains("「Save the river」にご署名いただき、ありがとうございます。", confirmation.Text);
        Assert.Contains("lang=\"ja\"", confirmation.Html);
        Assert.Equal("ja", await app.WithDbAsync(db => db.Signatures.Where(s => s.Email == email).Select(s => s.Language).SingleAsync()));

        // Confirmed from a browser in English: the receipt is still the signer's, in Japanese.
        using var english = app.Browser();
        var confirmPage = await english.GetAsync(Inbox.ConfirmationLink(confirmation));
        Assert.Equal("Confirm your signature", confirmPage.Heading);
        await english.SubmitAsync(confirmPage, new Dictionary<string, string?>());
        var receipt = await app.Inbox.WaitForAsync(email, "署名が確認されました");
        Assert.Contains("受付コード：", receipt.Text);
        Assert.Contains("山田 太郎 様", receipt.Text);
    }

    [Fact]
    public async Task Arabic_emails_are_right_to_left()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var email = SignForm.UniqueEmail();
        using var browser = BrowserSpeaking("ar");

        await browser.SubmitAsync(await browser.GetAsync($"/petitions/{slug}"), SignForm.Valid(email, name: "محمد عبدالله"));

        var confirmation = await app.Inbox.WaitForAsync(email, "يُرجى تأكيد توقيعك");
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", confirmation.Html);
        Assert.StartsWith("مرحبًا،", confirmation.Text.TrimStart());
    }

    [Fact]
    public async Task Every_public_page_and_error_page_is_translated()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = BrowserSpeaking("es");

        Assert.Equal("Peticiones abiertas", (await browser.GetAsync("/")).Heading);
        Assert.Equal("Revisa tu correo", (await browser.GetAsync($"/petitions/{slug}/check-your-email")).Heading);
        Assert.Equal("Aviso de privacidad", (await browser.GetAsync("/privacy")).Heading);
        Assert.Equal("No reconocemos este enlace", (await browser.GetAsync($"/confirm/{new string('A', 43)}")).Heading);
        Assert.Equal("No reconocemos este enlace", (await browser.GetAsync($"/signatures/manage/{new string('A', 43)}")).Heading);
        Assert.Equal("Página no encontrada", (await browser.GetAsync("/no-such-page")).Heading);
        Assert.Equal("Demasiados intentos", (await browser.GetAsync("/status/429")).Heading);
        Assert.Equal("Demasiado contenido", (await browser.GetAsync("/status/413")).Heading);
        Assert.Equal("Inténtalo de nuevo", (await browser.GetAsync("/status/400")).Heading);
        var footer = (await browser.GetAsync("/")).Text(".site-footer");
        Assert.Contains("Aviso de privacidad: cómo usamos tus datos", footer);
    }

    [Fact]
    public async Task The_staff_area_speaks_the_browsers_language_and_offers_the_switcher()
    {
        using var browser = BrowserSpeaking("ko");

        var login = await browser.GetAsync("/admin/login");

        Assert.Equal("ko", login.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("본문으로 건너뛰기", login.Text(".skip-link"));
        Assert.Contains("스태프", login.Document.Title);
        Assert.Equal("true", login.Document.QuerySelector(".languages a[hreflang=ko]")!.GetAttribute("aria-current"));
    }
}
