using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Petitions.BrowserTests.Infrastructure;
using Petitions.Core.Signing;
using Petitions.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Petitions.BrowserTests.Journeys;

// A visitor whose browser speaks English reads the site in another language by choosing it in the
// switcher at the top of every page. The languages are named in their own words there, so a
// visitor finds theirs without reading the page's language.
public sealed partial class LanguageJourneyTests(PetitionsApp app, Chromium chromium) : IClassFixture<PetitionsApp>
{
    // The sign form's heading in English, Korean and Arabic, as the public pages have said it since
    // they were translated.
    private const string SignEnglish = "Sign this petition";
    private const string SignKorean = "이 청원에 서명하기";
    private const string SignArabic = "وقّع على هذه العريضة";

    [Fact]
    public async Task A_visitor_chooses_Korean_with_the_keyboard_keeps_it_on_the_next_page_then_chooses_Arabic_and_reads_right_to_left()
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(3).BuildAsync(app);
        await using var tab = await chromium.OpenAsync(app, "en");
        var page = tab.Page;
        var petition = new Regex($"/petitions/{slug}$");
        await page.GotoAsync($"/petitions/{slug}");
        await Languages.AssertPageIsInAsync(page, "en");
        await Expect(page.Locator("#sign-title")).ToHaveTextAsync(SignEnglish);

        // In sight at the top of the page, and reached with the Tab key like any link.
        var korean = Switcher(page, "한국어");
        await Expect(korean).ToBeInViewportAsync();
        await TabToAsync(page, korean);
        await page.Keyboard.PressAsync("Enter");

        // Back on the same petition, now in Korean, and the switcher says which language is chosen.
        await Expect(page).ToHaveURLAsync(petition);
        await Languages.AssertPageIsInAsync(page, "ko");
        await Expect(page.Locator("#sign-title")).ToHaveTextAsync(SignKorean);
        await Expect(korean).ToHaveAttributeAsync("aria-current", "true");
        Assert.Equal("ko", await ChosenLanguageAsync(tab));

        // The choice outlasts the page: the browser still asks for English, the next page is Korean.
        await page.Locator(".site-name").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/$"));
        await Languages.AssertPageIsInAsync(page, "ko");
        await page.GotoAsync($"/petitions/{slug}");
        await Expect(page.Locator("#sign-title")).ToHaveTextAsync(SignKorean);

        // Then Arabic, with a click: the same petition, read from right to left.
        await Switcher(page, "العربية").ClickAsync();
        await Expect(page).ToHaveURLAsync(petition);
        await Languages.AssertPageIsInAsync(page, "ar");
        await Expect(page.Locator("#sign-title")).ToHaveTextAsync(SignArabic);
        Assert.Equal("rtl", await page.Locator("main").EvaluateAsync<string>("e => getComputedStyle(e).direction"));
        // The heading's words start at the right-hand edge of its line, not the left.
        Assert.True(await page.Locator("#sign-title").EvaluateAsync<bool>("""
            h => {
                const words = document.createRange();
                words.selectNodeContents(h);
                const text = words.getBoundingClientRect(), line = h.getBoundingClientRect();
                return line.right - text.right < 2 && text.left - line.left > 20;
            }
            """), "The Arabic heading is not set against the right-hand edge.");
        Assert.Equal("ar", await ChosenLanguageAsync(tab));

        await page.GotoAsync("/privacy");
        await Languages.AssertPageIsInAsync(page, "ar");
    }

    [Fact]
    public async Task After_choosing_Korean_a_visitor_signs_and_confirms_in_Korean_and_the_emails_are_in_Korean()
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(3).BuildAsync(app);
        var email = $"korean-{Guid.NewGuid():N}@example.org";
        await using var tab = await chromium.OpenAsync(app, "en");
        var page = tab.Page;
        await page.GotoAsync($"/petitions/{slug}");

        await Switcher(page, "한국어").ClickAsync();
        await Expect(page.Locator("#sign-title")).ToHaveTextAsync(SignKorean);
        await PublicPages.FillInAsync(page, email, "김민지");
        await page.Locator("#sign button[type=submit]").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/check-your-email"));
        await Languages.AssertPageIsInAsync(page, "ko");
        var confirmation = await app.Inbox.WaitForAsync(email);
        Assert.StartsWith("서명을 확인해 주세요", confirmation.Subject);
        Assert.Matches(Hangul(), confirmation.Text);

        await page.GotoAsync(Inbox.ConfirmationLink(confirmation));
        await Languages.AssertPageIsInAsync(page, "ko");
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Expect(page.Locator(".receipt")).ToBeVisibleAsync();
        await Languages.AssertPageIsInAsync(page, "ko");

        var receipt = await app.Inbox.WaitForAsync(email, "서명이 확인되었습니다");
        Assert.Matches(Hangul(), receipt.Text);
        // The signature records the language its signer read the petition and the consent in.
        var stored = await app.WithDbAsync(db => db.Signatures.SingleAsync(s => s.Email == email));
        Assert.Equal(("김민지", "ko", SignatureStatus.Confirmed), (stored.Name, stored.Language, stored.Status));
    }

    private static ILocator Switcher(IPage page, string language) =>
        page.Locator(".languages").GetByRole(AriaRole.Link, new() { Name = language, Exact = true });

    // The language the switcher's cookie holds for this browser.
    private static async Task<string?> ChosenLanguageAsync(Tab tab)
    {
        var cookie = (await tab.Context.CookiesAsync()).SingleOrDefault(c => c.Name == CookieRequestCultureProvider.DefaultCookieName);
        return cookie is null ? null : CookieRequestCultureProvider.ParseCookieValue(Uri.UnescapeDataString(cookie.Value))?.UICultures[0].Value;
    }

    // Presses Tab until the element has the focus, and checks the focus can be seen there.
    private static async Task TabToAsync(IPage page, ILocator target)
    {
        for (var presses = 0; presses < 20; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                Assert.True(await target.EvaluateAsync<bool>("""
                    e => e.matches(':focus-visible') && getComputedStyle(e).outlineStyle !== 'none' && parseFloat(getComputedStyle(e).outlineWidth) >= 2
                    """), "The focus cannot be seen on the language's link.");
                return;
            }
        }
        Assert.Fail("Tab never reached the language's link.");
    }

    [GeneratedRegex(@"\p{IsHangulSyllables}")]
    private static partial Regex Hangul();
}
