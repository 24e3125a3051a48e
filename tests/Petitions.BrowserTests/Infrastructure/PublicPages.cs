using Microsoft.Playwright;
using Petitions.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Petitions.BrowserTests.Infrastructure;

// Every page a supporter can meet, in each state worth checking, reached the way a supporter
// reaches it: the form filled in and sent, the link in the email opened. Field ids, not label
// words, find things, so the same steps work in every language.
public sealed class PublicPages(PetitionsApp app)
{
    public static readonly string[] Names =
    [
        "home", "petition", "petition-with-errors", "petition-closed", "check-your-email", "confirm", "confirmed",
        "manage-signature", "privacy", "not-found", "petition-delivered",
    ];

    public static TheoryData<string, string> EveryPageInEveryLanguage()
    {
        var data = new TheoryData<string, string>();
        foreach (var language in Languages.All)
        {
            foreach (var name in Names)
                data.Add(name, language);
        }
        return data;
    }

    // Opens the named page on the given open petition. No page shows the address signed with,
    // so each signing uses a new one, and one app can show every page any number of times.
    public async Task OpenAsync(IPage page, string name, string slug)
    {
        var email = $"{name}-{Guid.NewGuid():N}@example.org";
        switch (name)
        {
            case "home":
                await page.GotoAsync("/");
                break;
            case "petition":
                await page.GotoAsync($"/petitions/{slug}");
                break;
            case "petition-with-errors":
                await page.GotoAsync($"/petitions/{slug}");
                await page.Locator("#sign button[type=submit]").ClickAsync();
                await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
                break;
            case "petition-closed":
                await page.GotoAsync($"/petitions/{await A.Petition().Closed().WithConfirmedSignatures(3).BuildAsync(app)}");
                break;
            case "check-your-email":
                await SignAsync(page, slug, email);
                break;
            case "confirm":
                await SignAsync(page, slug, email);
                await page.GotoAsync(Inbox.ConfirmationLink(await app.Inbox.WaitForAsync(email)));
                break;
            case "confirmed":
                await SignAsync(page, slug, email);
                await page.GotoAsync(Inbox.ConfirmationLink(await app.Inbox.WaitForAsync(email)));
                await page.Locator("main form button[type=submit]").ClickAsync();
                await Expect(page.Locator(".receipt")).ToBeVisibleAsync();
                break;
            case "manage-signature":
                await SignAsync(page, slug, email);
                await page.GotoAsync(Links.Manage(await app.Inbox.WaitForAsync(email)));
                break;
            case "privacy":
                await page.GotoAsync("/privacy");
                break;
            case "petition-delivered":
                await page.GotoAsync($"/petitions/{await Deliveries.DeliveredWithPhotoAndResponseAsync(app)}");
                await Expect(page.Locator(".delivered .delivery-photo img")).ToBeVisibleAsync();
                break;
            case "not-found":
                await page.GotoAsync("/petitions/no-such-petition");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "No such public page.");
        }
    }

    public static async Task SignAsync(IPage page, string slug, string email, string name = "Ada Lovelace")
    {
        await page.GotoAsync($"/petitions/{slug}");
        await FillInAsync(page, email, name);
        await page.Locator("#sign button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/check-your-email"));
    }

    public static async Task FillInAsync(IPage page, string email, string name = "Ada Lovelace")
    {
        await page.Locator("#Input_Name").FillAsync(name);
        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_Country").SelectOptionAsync("GB");
        await page.Locator("#Input_City").FillAsync("London");
        await page.Locator("#Input_Consent").CheckAsync();
    }
}
