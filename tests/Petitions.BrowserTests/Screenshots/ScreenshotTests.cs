using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Petitions.BrowserTests.Infrastructure;
using Petitions.Core.Publishing;
using Petitions.Local.Demo;
using Petitions.Tests.Infrastructure;

namespace Petitions.BrowserTests.Screenshots;

// Pictures of every public page at a phone's width and a desktop's, kept in docs/screenshots/ so
// that a change to how the site looks shows up in review as a changed image: in English, Korean and
// Arabic (Languages.Photographed), so a script of its own and a page read right to left are seen
// too. Each language gets an app of its own, with the demo petition at a fixed count and deadline,
// so the same code makes the same pictures on every run. The languages are dealt into parts, a
// class a part, so that xUnit photographs them side by side.
public abstract class ScreenshotTests(Chromium chromium)
{
    public const int Parts = 3;

    private static readonly (string Name, int Width, int Height)[] Screens = [("phone", 390, 844), ("desktop", 1280, 900)];

    public static TheoryData<string> PhotographedLanguages() => new(Languages.Photographed);

    public static TheoryData<string> PhotographedLanguagesInPart(int part, int parts) =>
        new(Languages.Part(Languages.Photographed, part, parts));

    protected async Task PhotographAsync(string language)
    {
        await using var app = new PetitionsApp();
        await app.InitializeAsync();
        var slug = await app.WithServiceAsync<DemoSignatures, string>(async demo => (await demo.FillAsync(DemoPetition.Slug, 18_342, default)).Slug);
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE petitions SET closes_at = '2030-12-31T12:00:00Z' WHERE slug = {slug}"));
        var folder = Path.Combine(Repository.Root, "docs", "screenshots");
        Directory.CreateDirectory(folder);

        foreach (var page in PublicPages.Names)
        {
            foreach (var (screen, width, height) in Screens)
            {
                await using var tab = await chromium.OpenAsync(app, language, o => o.ViewportSize = new() { Width = width, Height = height });
                await new PublicPages(app).OpenAsync(tab.Page, page, slug);
                await Languages.AssertPageIsInAsync(tab.Page, language);

                // Nothing is wider than the screen: a phone never scrolls sideways to read a line.
                var overflow = await tab.Page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
                Assert.True(overflow <= 0, $"{page} is {overflow} px wider than a {width} px {screen} screen.");

                await tab.Page.ScreenshotAsync(new()
                {
                    Path = Path.Combine(folder, $"{page}-{screen}-{language}.png"),
                    Animations = ScreenshotAnimations.Disabled,
                    Caret = ScreenshotCaret.Hide,
                    // A receipt code is new with every database; covered, the picture stays the same.
                    Mask = [tab.Page.Locator(".receipt__code")],
                    MaskColor = "#d9dbe0",
                });
            }
        }
    }

    public sealed class Part1(Chromium chromium) : ScreenshotTests(chromium)
    {
        [Theory]
        [MemberData(nameof(PhotographedLanguagesInPart), 0, Parts)]
        public Task Every_public_page_fits_a_phone_and_a_desktop_and_is_photographed(string language) => PhotographAsync(language);
    }

    public sealed class Part2(Chromium chromium) : ScreenshotTests(chromium)
    {
        [Theory]
        [MemberData(nameof(PhotographedLanguagesInPart), 1, Parts)]
        public Task Every_public_page_fits_a_phone_and_a_desktop_and_is_photographed(string language) => PhotographAsync(language);
    }

    public sealed class Part3(Chromium chromium) : ScreenshotTests(chromium)
    {
        [Theory]
        [MemberData(nameof(PhotographedLanguagesInPart), 2, Parts)]
        public Task Every_public_page_fits_a_phone_and_a_desktop_and_is_photographed(string language) => PhotographAsync(language);
    }
}
