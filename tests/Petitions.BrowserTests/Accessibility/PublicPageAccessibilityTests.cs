using Microsoft.Playwright;
using Petitions.BrowserTests.Infrastructure;
using Petitions.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Petitions.BrowserTests.Accessibility;

public sealed class PublicPageAccessibilityTests(PetitionsApp app, Chromium chromium) : IClassFixture<PetitionsApp>
{
    // A check that passes on every page proves little unless it can fail: the same run, on a page
    // with a field nobody labelled and grey text too faint to read, must fail.
    [Fact]
    public async Task The_accessibility_check_fails_a_page_with_an_unlabelled_field_and_faint_text()
    {
        await using var tab = await chromium.OpenAsync(app);
        await tab.Page.SetContentAsync("""
            <!DOCTYPE html><html lang="en"><head><title>Bad</title></head>
            <body><main><p style="color:#bbb">Faint</p><input type="text" name="x"></main></body></html>
            """);

        var failed = await Assert.ThrowsAnyAsync<Exception>(() => Axe.AssertNoViolationsAsync(tab.Page, "a bad page"));
        Assert.Contains("- label ", failed.Message);
        Assert.Contains("- color-contrast ", failed.Message);
        await Assert.ThrowsAnyAsync<Exception>(() => Axe.AssertEveryFieldIsLabelledAsync(tab.Page, "a bad page"));
    }

    [Fact]
    public async Task The_count_is_a_polite_live_region()
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(5).BuildAsync(app);
        await using var tab = await chromium.OpenAsync(app);

        await tab.Page.GotoAsync($"/petitions/{slug}");

        // Polite: a screen reader finishes what it is reading before it says the count changed.
        await Expect(tab.Page.Locator(".tally__count")).ToHaveAttributeAsync("aria-live", "polite");
        await Expect(tab.Page.Locator(".tally__count")).ToContainTextAsync("5");
    }

    [Fact]
    public async Task Every_link_button_and_field_on_the_petition_page_shows_where_the_focus_is()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        await using var tab = await chromium.OpenAsync(app);
        var page = tab.Page;
        await page.GotoAsync($"/petitions/{slug}");

        var stops = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await FocusedAsync(page);
            if (focused is null || stops.Contains(focused.Describe))
                break;
            stops.Add(focused.Describe);
            Assert.True(focused.Outlined, $"No visible focus on {focused.Describe}: outline {focused.Outline}");
        }

        // The skip link first, then the form's fields, in the order they are read, then the share
        // panel's address to copy.
        Assert.StartsWith("a Skip to main content", stops[0]);
        var fields = stops.Where(s => s.StartsWith("input", StringComparison.Ordinal) || s.StartsWith("select", StringComparison.Ordinal)
            || s.StartsWith("textarea", StringComparison.Ordinal)).Select(s => s.Split(' ')[1]).ToList();
        Assert.Equal(["#Input_Name", "#Input_Email", "#Input_Country", "#Input_City", "#Input_Comment", "#Input_ShowNamePublicly",
            "#Input_WantsUpdates", "#Input_WithholdNameFromDelivery", "#Input_Consent", "#share-url"], fields);
        Assert.Contains(stops, s => s.StartsWith("button Sign this petition", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("home")]
    [InlineData("petition")]
    [InlineData("petition-with-errors")]
    [InlineData("confirmed")]
    public async Task With_reduced_motion_asked_for_nothing_moves(string name)
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        await using var tab = await chromium.OpenAsync(app, configure: o => o.ReducedMotion = ReducedMotion.Reduce);
        var page = tab.Page;

        await new PublicPages(app).OpenAsync(page, name, slug);

        Assert.True(await page.EvaluateAsync<bool>("matchMedia('(prefers-reduced-motion: reduce)').matches"));
        var moving = await page.EvaluateAsync<string[]>("""
            () => {
                const lasts = v => v.split(',').some(d => parseFloat(d) > 0);
                const moving = [];
                for (const e of document.querySelectorAll('*')) {
                    for (const pseudo of [null, '::before', '::after']) {
                        const s = getComputedStyle(e, pseudo);
                        if ((s.animationName !== 'none' && lasts(s.animationDuration)) || lasts(s.transitionDuration) || s.scrollBehavior === 'smooth')
                            moving.push(`${e.tagName.toLowerCase()}${pseudo ?? ''} ${e.className}: animation ${s.animationName} ${s.animationDuration}, transition ${s.transitionDuration}, scroll ${s.scrollBehavior}`);
                    }
                }
                return moving;
            }
            """);
        Assert.Empty(moving);
        Assert.Equal(0, await page.EvaluateAsync<int>("document.getAnimations().length"));
    }

    private sealed record Focused(string Describe, bool Outlined, string Outline);

    private static async Task<Focused?> FocusedAsync(IPage page)
    {
        var result = await page.EvaluateAsync<string[]?>("""
            () => {
                const e = document.activeElement;
                if (!e || e === document.body) return null;
                const s = getComputedStyle(e);
                const outlined = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
                const name = e.id ? '#' + e.id : (e.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40);
                return [e.tagName.toLowerCase() + ' ' + name, String(outlined && e.matches(':focus-visible')), s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor];
            }
            """);
        return result is null ? null : new Focused(result[0], result[1] == "true", result[2]);
    }
}

// Every public page in every language. The languages are dealt into parts (Languages.Part), each
// part a class of its own with its own app, so that xUnit checks the parts side by side. Each
// language has one window kept for the class, and every page is shown on one petition made once
// for the class.
public abstract class PublicPagesInEveryLanguageTests(PetitionsApp app, Chromium chromium, Reused reused)
{
    public const int Parts = 3;

    protected async Task CheckAsync(string page, string language)
    {
        var slug = await reused.GetAsync("petition", () => A.Petition().Open().WithConfirmedSignatures(12).BuildAsync(app));
        var tab = await reused.GetAsync(language, () => chromium.OpenAsync(app, language));

        await new PublicPages(app).OpenAsync(tab.Page, page, slug);

        await Languages.AssertPageIsInAsync(tab.Page, language);
        await Axe.AssertNoViolationsAsync(tab.Page, $"{page} in {language}");
        await Axe.AssertEveryFieldIsLabelledAsync(tab.Page, $"{page} in {language}");
    }

    public sealed class Part1(PetitionsApp app, Chromium chromium, Reused reused)
        : PublicPagesInEveryLanguageTests(app, chromium, reused), IClassFixture<PetitionsApp>, IClassFixture<Reused>
    {
        [Theory]
        [MemberData(nameof(PublicPages.EveryPageInPart), 0, Parts, MemberType = typeof(PublicPages))]
        public Task Every_public_page_meets_WCAG_2_2_AA_in_every_language_and_labels_every_field(string page, string language) =>
            CheckAsync(page, language);
    }

    public sealed class Part2(PetitionsApp app, Chromium chromium, Reused reused)
        : PublicPagesInEveryLanguageTests(app, chromium, reused), IClassFixture<PetitionsApp>, IClassFixture<Reused>
    {
        [Theory]
        [MemberData(nameof(PublicPages.EveryPageInPart), 1, Parts, MemberType = typeof(PublicPages))]
        public Task Every_public_page_meets_WCAG_2_2_AA_in_every_language_and_labels_every_field(string page, string language) =>
            CheckAsync(page, language);
    }

    public sealed class Part3(PetitionsApp app, Chromium chromium, Reused reused)
        : PublicPagesInEveryLanguageTests(app, chromium, reused), IClassFixture<PetitionsApp>, IClassFixture<Reused>
    {
        [Theory]
        [MemberData(nameof(PublicPages.EveryPageInPart), 2, Parts, MemberType = typeof(PublicPages))]
        public Task Every_public_page_meets_WCAG_2_2_AA_in_every_language_and_labels_every_field(string page, string language) =>
            CheckAsync(page, language);
    }
}
