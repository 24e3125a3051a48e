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

    // The languages dealt out in turn into parts, for checks split across test classes: xUnit runs
    // the tests of one class one after another and the classes side by side, so a class a part lets
    // the parts be checked at once. Every language is in exactly one part; a language added to the
    // site joins a part without a change.
    public static string[] Part(int part, int parts) => Part(All, part, parts);

    public static string[] Part(IEnumerable<string> languages, int part, int parts) =>
        languages.Where((_, i) => i % parts == part).ToArray();

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
