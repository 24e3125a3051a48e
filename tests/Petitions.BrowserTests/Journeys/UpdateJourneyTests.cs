using Petitions.BrowserTests.Infrastructure;
using Petitions.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Petitions.BrowserTests.Journeys;

// Staff write an update, send it, and watch it go out on its page, which follows the sending in
// place; the supporters who asked for updates then have it in their inbox.
public sealed class UpdateJourneyTests(PetitionsApp app, Chromium chromium) : IClassFixture<PetitionsApp>
{
    [Fact]
    public async Task Staff_write_an_update_send_it_and_follow_it_to_the_end_on_its_page()
    {
        var slug = await A.Petition().Open().Titled("Save the river").BuildAsync(app);
        var id = await app.PetitionIdAsync(slug);
        // Enough for a few batches at the default pace, so there is progress to follow.
        var signers = await Supporters.AddAsync(app, id, Enumerable.Range(1, 120).Select(n => Supporter.Named($"Signer {n}")).ToArray());
        await using var tab = await chromium.OpenAsync(app);
        var page = tab.Page;
        await Staff.SignInAsAdminAsync(app, page);

        await page.GotoAsync($"/admin/petitions/{id}/edit");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Write and send updates" }).ClickAsync();
        await page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Write an update" }).ClickAsync();
        await page.GetByLabel("Title").FillAsync("We met the minister");
        await page.GetByLabel("Update", new() { Exact = true }).FillAsync("She **promised** an answer by June.");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();

        await Expect(page.Locator("h1")).ToHaveTextAsync("We met the minister");
        await Expect(page.Locator(".update-reach")).ToHaveTextAsync("Sent now, it would reach 120 people.");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Publish and send to 120 people" }).ClickAsync();

        await Expect(page.Locator(".notice")).ToContainTextAsync("Sending has started.");
        // Marked on the page itself: a reload would lose it.
        await page.EvaluateAsync("document.body.dataset.sameDocument = 'yes'");
        await Expect(page.Locator(".update-progress [role=status]")).ToHaveTextAsync("Finished: 120 sent, 0 failed.", new() { Timeout = 60_000 });
        await Expect(page.Locator(".export__check")).ToHaveCountAsync(0);
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-same-document", "yes");

        var received = await app.Inbox.WaitForAsync(signers[^1].Email);
        Assert.Equal("Update: We met the minister", received.Subject);
    }
}
