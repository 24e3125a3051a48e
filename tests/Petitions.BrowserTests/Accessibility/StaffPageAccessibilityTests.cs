using Petitions.BrowserTests.Infrastructure;
using Petitions.Tests.Infrastructure;

namespace Petitions.BrowserTests.Accessibility;

public sealed class StaffPageAccessibilityTests(PetitionsApp app, Chromium chromium) : IClassFixture<PetitionsApp>
{
    [Theory]
    [MemberData(nameof(AdminPages.All), MemberType = typeof(AdminPages))]
    public async Task Every_staff_page_meets_WCAG_2_2_AA_and_labels_every_field(string page)
    {
        await using var tab = await chromium.OpenAsync(app);

        await new AdminPages(app).OpenAsync(tab.Page, page);

        await Axe.AssertNoViolationsAsync(tab.Page, page);
        await Axe.AssertEveryFieldIsLabelledAsync(tab.Page, page);
    }
}
