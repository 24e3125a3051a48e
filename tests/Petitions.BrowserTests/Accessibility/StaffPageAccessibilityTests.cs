using Petitions.BrowserTests.Infrastructure;
using Petitions.Tests.Infrastructure;

namespace Petitions.BrowserTests.Accessibility;

// Every staff page in every language. The languages are dealt into parts (Languages.Part), each
// part a class of its own with its own app, so that xUnit checks the parts side by side. Each
// language has two windows, made on first use and kept for the class: one signed out, for the ways
// in, and one an Admin signed in to once; every page after the ways in is shown on one petition
// made once for the class.
public abstract class StaffPageAccessibilityTests(PetitionsApp app, Chromium chromium, Reused reused)
{
    public const int Parts = 9;

    protected async Task CheckAsync(string page, string language)
    {
        var pages = new AdminPages(app);
        var signedOut = AdminPages.IsSignedOut(page);
        var tab = await reused.GetAsync($"{language} {(signedOut ? "signed out" : "signed in")}", async () =>
        {
            var opened = await chromium.OpenAsync(app, language);
            if (!signedOut)
                await Staff.SignInAsAdminAsync(app, opened.Page);
            return opened;
        });
        var petition = await reused.GetAsync("petition", pages.PetitionAsync);

        try
        {
            await pages.OpenAsync(tab.Page, page, petition);
        }
        catch (Exception) when (!signedOut && tab.Page.Url.Contains("/admin/login", StringComparison.Ordinal))
        {
            // A staff session ends an hour after its last renewal; on a slow machine a language's
            // window can sit that long between two of its pages. Staff would sign in again.
            await Staff.SignInAsAdminAsync(app, tab.Page);
            await pages.OpenAsync(tab.Page, page, petition);
        }

        await Languages.AssertPageIsInAsync(tab.Page, language);
        await Axe.AssertNoViolationsAsync(tab.Page, $"{page} in {language}");
        await Axe.AssertEveryFieldIsLabelledAsync(tab.Page, $"{page} in {language}");
    }

    public sealed class Part1(PetitionsApp app, Chromium chromium, Reused reused)
        : StaffPageAccessibilityTests(app, chromium, reused), IClassFixture<PetitionsApp>, IClassFixture<Reused>
    {
        [Theory]
        [MemberData(nameof(AdminPages.EveryPageInPart), 0, Parts, MemberType = typeof(AdminPages))]
        public Task Every_staff_page_meets_WCAG_2_2_AA_in_every_language_and_labels_every_field(string page, string language) =>
            CheckAsync(page, language);
    }

    public sealed class Part2(PetitionsApp app, Chromium chromium, Reused reused)
        : StaffPageAccessibilityTests(app, chromium, reused), IClassFixture<PetitionsApp>, IClassFixture<Reused>
    {
        [Theory]
        [MemberData(nameof(AdminPages.EveryPageInPart), 1, Parts, MemberType = typeof(AdminPages))]
        public Task Every_staff_page_meets_WCAG_2_2_AA_in_every_language_and_labels_every_field(string page, string language) =>
            CheckAsync(page, language);
    }

    public sealed class Part3(PetitionsApp app, Chromium chromium, Reused reused)
        : StaffPageAccessibilityTests(app, chromium, reused), IClassFixture<PetitionsApp>, IClassFixture<Reused>
    {
        [Theory]
        [MemberData(nameof(AdminPages.EveryPageInPart), 2, Parts, MemberType = typeof(AdminPages))]
        public Task Every_staff_page_meets_WCAG_2_2_AA_in_every_language_and_labels_every_field(string page, string language) =>
            CheckAsync(page, language);
    }

    public sealed class Part4(PetitionsApp app, Chromium chromium, Reused reused)
        : StaffPageAccessibilityTests(app, chromium, reused), IClassFixture<PetitionsApp>, IClassFixture<Reused>
    {
        [Theory]
        [MemberData(nameof(AdminPages.EveryPageInPart), 3, Parts, MemberType = typeof(AdminPages))]
        public Task Every_staff_page_meets_WCAG_2_2_AA_in_every_language_and_labels_every_field(string page, string language) =>
            CheckAsync(page, language);
    }

    public sealed class Part5(PetitionsApp app, Chromium chromium, Reused reused)
        : StaffPageAccessibilityTests(app, chromium, reused), IClassFixture<PetitionsApp>, IClassFixture<Reused>
    {
        [Theory]
        [MemberData(nameof(AdminPages.EveryPageInPart), 4, Parts, MemberType = typeof(AdminPages))]
        public Task Every_staff_page_meets_WCAG_2_2_AA_in_every_language_and_labels_every_field(string page, string language) =>
            CheckAsync(page, language);
    }

    public sealed class Part6(PetitionsApp app, Chromium chromium, Reused reused)
        : StaffPageAccessibilityTests(app, chromium, reused), IClassFixture<PetitionsApp>, IClassFixture<Reused>
    {
        [Theory]
        [MemberData(nameof(AdminPages.EveryPageInPart), 5, Parts, MemberType = typeof(AdminPages))]
        public Task Every_staff_page_meets_WCAG_2_2_AA_in_every_language_and_labels_every_field(string page, string language) =>
            CheckAsync(page, language);
    }

    public sealed class Part7(PetitionsApp app, Chromium chromium, Reused reused)
        : StaffPageAccessibilityTests(app, chromium, reused), IClassFixture<PetitionsApp>, IClassFixture<Reused>
    {
        [Theory]
        [MemberData(nameof(AdminPages.EveryPageInPart), 6, Parts, MemberType = typeof(AdminPages))]
        public Task Every_staff_page_meets_WCAG_2_2_AA_in_every_language_and_labels_every_field(string page, string language) =>
            CheckAsync(page, language);
    }

    public sealed class Part8(PetitionsApp app, Chromium chromium, Reused reused)
        : StaffPageAccessibilityTests(app, chromium, reused), IClassFixture<PetitionsApp>, IClassFixture<Reused>
    {
        [Theory]
        [MemberData(nameof(AdminPages.EveryPageInPart), 7, Parts, MemberType = typeof(AdminPages))]
        public Task Every_staff_page_meets_WCAG_2_2_AA_in_every_language_and_labels_every_field(string page, string language) =>
            CheckAsync(page, language);
    }

    public sealed class Part9(PetitionsApp app, Chromium chromium, Reused reused)
        : StaffPageAccessibilityTests(app, chromium, reused), IClassFixture<PetitionsApp>, IClassFixture<Reused>
    {
        [Theory]
        [MemberData(nameof(AdminPages.EveryPageInPart), 8, Parts, MemberType = typeof(AdminPages))]
        public Task Every_staff_page_meets_WCAG_2_2_AA_in_every_language_and_labels_every_field(string page, string language) =>
            CheckAsync(page, language);
    }
}
