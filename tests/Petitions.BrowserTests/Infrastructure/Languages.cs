using Microsoft.Playwright;
using Petitions.Core.Languages;
using static Microsoft.Playwright.Assertions;

namespace Petitions.BrowserTests.Infrastructure;

// The languages the pages are checked in: every one the site speaks, told to the app the way a
// visitor's browser tells it, by the browser's language (Accept-Language). A language added to the
// site is checked here without a change.
public static class Languages
{
    public static readonly string[] All = SiteLanguages.All.Select(l => l.Tag).ToArray();

    // Photographed: English, Korean for a script of its own, Arabic for a page read right to left.
    public static readonly string[] Photographed = ["en", "ko", "ar"];

    // The page says it is in the language and runs in its direction: a page that fell back to
    // English would pass axe and prove nothing about the translation.
    public static async Task AssertPageIsInAsync(IPage page, string language)
    {
        var html = page.Locator("html");
        await Expect(html).ToHaveAttributeAsync("lang", language);
        await Expect(html).ToHaveAttributeAsync("dir", SiteLanguages.Find(language)!.RightToLeft ? "rtl" : "ltr");
    }
}
