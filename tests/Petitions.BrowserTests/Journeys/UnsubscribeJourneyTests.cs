using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Petitions.BrowserTests.Infrastructure;
using Petitions.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Petitions.BrowserTests.Journeys;

public sealed class UnsubscribeJourneyTests(PetitionsApp app, Chromium chromium) : IClassFixture<PetitionsApp>
{
    [Fact]
    public async Task A_signer_opens_the_unsubscribe_link_in_an_update_presses_the_button_and_hears_no_more()
    {
        var slug = await A.Petition().Titled("Light the towpath").Open().BuildAsync(app);
        var signer = await Subscriber.AddAsync(app, slug);
        var email = await signer.EmailAsync(app, await AnUpdate.On(slug).BuildAsync(app));
        await using var tab = await chromium.OpenAsync(app);
        var page = tab.Page;

        await page.GotoAsync(Subscriber.LinkIn(email));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Stop emails about this petition");
        await page.GetByRole(AriaRole.Button, new() { Name = "Stop emailing me updates" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("You are unsubscribed");
        await Expect(page.Locator("main")).ToContainTextAsync("You will get no more updates about “Light the towpath”.");
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the petition" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/petitions/{slug}$"));
    }
}
