using Petitions.BrowserTests.Infrastructure;
using Petitions.Tests.Infrastructure;

namespace Petitions.BrowserTests.Accessibility;

// Every staff page in every language. Each language has two windows, made on first use and kept
// for the class: one signed out, for the ways in, and one an Admin signed in to once; every page
// after the ways in is shown on one petition made once.
public sealed class StaffPageAccessibilityTests(PetitionsApp app, Chromium chromium, Reused reused)
    : IClassFixture<PetitionsApp>, IClassFixture<Reused>
{
    [Theory]
    [MemberData(nameof(AdminPages.EveryPageInEveryLanguage), MemberType = typeof(AdminPages))]
    public async Task Every_staff_page_meets_WCAG_2_2_AA_in_every_language_and_labels_every_field(string page, string language)
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
}
