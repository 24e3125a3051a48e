using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Petitions.BrowserTests.Infrastructure;
using Petitions.Core.Publishing;
using Petitions.Local.Demo;
using Petitions.Tests.Infrastructure;

namespace Petitions.BrowserTests.Screenshots;

// Pictures of every public page at a phone's width and a desktop's, kept in docs/screenshots/ and
// held against each run's (CommittedScreenshots), so that a change to how the site looks fails
// here until its pictures are accepted, and then shows up in review as changed images: in English,
// Korean and Arabic (Languages.Photographed), so a script of its own and a page read right to left
// are seen too. Each language gets an app of its own, with the demo petition at a fixed count and
// deadline and the clock at a fixed moment, so the same code makes the same pictures on every run.
// The languages are dealt into parts, a class a part, so that xUnit photographs them side by side.
public abstract class ScreenshotTests(Chromium chromium)
{
    public const int Parts = 3;

    private static readonly (string Name, int Width, int Height)[] Screens = [("phone", 390, 844), ("desktop", 1280, 900)];

    public static TheoryData<string> PhotographedLanguages() => new(Languages.Photographed);

    public static TheoryData<string> PhotographedLanguagesInPart(int part, int parts) =>
        new(Languages.Part(Languages.Photographed, part, parts));

    // The moment the pictures are taken at: the dates on the page, the updates "3 hours ago" and
    // the hours under the chart are then the same on every run. The app's clock starts there and
    // runs on (its background work waits on it); one language's photographs take minutes, well
    // within the hour.
    public static readonly DateTimeOffset TakenAt = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    protected async Task PhotographAsync(string language)
    {
        await using var app = new PetitionsApp { Clock = new ClockStartingAt(TakenAt) };
        await app.InitializeAsync();
        var slug = await app.WithServiceAsync<DemoSignatures, string>(async demo => (await demo.FillAsync(DemoPetition.Slug, 18_342, default)).Slug);
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE petitions SET closes_at = '2030-12-31T12:00:00Z' WHERE slug = {slug}"));
        var failures = new List<string>();

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

                await ShowPublicAddressAsync(tab.Page);
                // A web font still loading would be photographed as its fallback.
                await tab.Page.EvaluateAsync("async () => { await document.fonts.ready; }");
                var png = await tab.Page.ScreenshotAsync(new()
                {
                    Animations = ScreenshotAnimations.Disabled,
                    Caret = ScreenshotCaret.Hide,
                    // A receipt code is new with every database; covered, the picture stays the same.
                    Mask = [tab.Page.Locator(".receipt__code")],
                    MaskColor = "#d9dbe0",
                });
                if (CommittedScreenshots.Check($"{page}-{screen}-{language}.png", png) is { } failure)
                    failures.Add(failure);
            }
        }

        // Every page is photographed before failing, so one run shows all that changed.
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    // The app listens on a port of its own each run, and the share panel shows the petition's
    // address to copy: the picture shows one public address instead. Only the text shown changes,
    // after every step of the test is done.
    private static Task ShowPublicAddressAsync(IPage page) => page.EvaluateAsync("""
        address => {
            for (const input of document.querySelectorAll('input'))
                input.value = input.value.replaceAll(location.origin, address);
            const texts = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            while (texts.nextNode())
                texts.currentNode.nodeValue = texts.currentNode.nodeValue.replaceAll(location.origin, address);
        }
        """, "https://petitions.example.org");

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
