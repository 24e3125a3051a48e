using Microsoft.EntityFrameworkCore;
using Petitions.BrowserTests.Infrastructure;
using Petitions.Core.Delivery;
using Petitions.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Petitions.BrowserTests.Journeys;

// With scripts, the delivery page follows an export in place: its status line changes and is read
// out by its status region, and when the export ends what follows it comes in, while the reader
// stays where they were.
public sealed class ExportProgressTests(PetitionsApp app, Chromium chromium) : IClassFixture<PetitionsApp>
{
    [Fact]
    public async Task The_page_follows_an_export_in_progress_without_reloading_or_moving_focus()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var id = await app.PetitionIdAsync(slug);
        var job = await HeldExport.InProgressAsync(app, id, ExportStage.WritingCsv, 10, 100);
        await using var tab = await chromium.OpenAsync(app);
        var page = tab.Page;
        await Staff.SignInAsAdminAsync(app, page);

        await page.GotoAsync($"/admin/petitions/{id}/export");
        var export = page.Locator($"#export-{job}");
        await Expect(export.Locator("[role=status]")).ToHaveTextAsync("Writing the CSV: 10 of 100 signatures written");
        // The page looks again by itself, so the link for readers without scripts is put away.
        await Expect(export.Locator(".export__check")).ToBeHiddenAsync();
        await page.Locator("#Letter_Organiser").FillAsync("Friends");
        // Marked on the page itself: a reload would lose it.
        await page.EvaluateAsync("document.body.dataset.sameDocument = 'yes'");

        await app.WithDbAsync(db => db.ExportJobs.Where(j => j.Id == job).ExecuteUpdateAsync(s => s.SetProperty(j => j.RowsDone, 50L)));
        await Expect(export.Locator("[role=status]")).ToHaveTextAsync("Writing the CSV: 50 of 100 signatures written");
        await Expect(export.Locator("progress")).ToHaveAttributeAsync("value", "50");

        await app.WithDbAsync(db => db.ExportJobs.Where(j => j.Id == job).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, ExportStatus.Failed)
            .SetProperty(j => j.Failure, ExportFailure.PetitionMissing)));
        await Expect(export.Locator("[role=status]")).ToHaveTextAsync("The export failed: The petition no longer exists.");
        await Expect(export.Locator("button")).ToHaveTextAsync("Delete this export");
        await Expect(export.Locator(".export__check")).ToHaveCountAsync(0);

        await Expect(page.Locator("#Letter_Organiser")).ToBeFocusedAsync();
        await Expect(page.Locator("#Letter_Organiser")).ToHaveValueAsync("Friends");
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-same-document", "yes");
    }
}
