using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
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
        "manage-signature", "privacy", "not-found", "unsubscribe", "unsubscribed", "petition-with-updates", "petition-delivered",
        "verifying-a-delivery", "confirm-closed",
    ];

    public static TheoryData<string, string> EveryPageInEveryLanguage() => EveryPageIn(Languages.All);

    // Every page in the languages of one part (Languages.Part), for a test class of its own.
    public static TheoryData<string, string> EveryPageInPart(int part, int parts) => EveryPageIn(Languages.Part(part, parts));

    private static TheoryData<string, string> EveryPageIn(IEnumerable<string> languages)
    {
        var data = new TheoryData<string, string>();
        foreach (var language in languages)
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
                Signed.GetOrCreateValue(page.Context).TryAdd(slug, email);
                break;
            case "confirm":
                await page.GotoAsync(Inbox.ConfirmationLink(await app.Inbox.WaitForAsync(await PendingSignatureAsync(page, slug, email))));
                break;
            case "confirmed":
                await SignAsync(page, slug, email);
                await page.GotoAsync(Inbox.ConfirmationLink(await app.Inbox.WaitForAsync(email)));
                await page.Locator("main form button[type=submit]").ClickAsync();
                await Expect(page.Locator(".receipt")).ToBeVisibleAsync();
                break;
            case "manage-signature":
                await page.GotoAsync(Links.Manage(await app.Inbox.WaitForAsync(await PendingSignatureAsync(page, slug, email))));
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
            case "unsubscribe":
                await page.GotoAsync((await Subscriber.AddAsync(app, slug)).UnsubscribeLink);
                break;
            case "unsubscribed":
                await page.GotoAsync((await Subscriber.AddAsync(app, slug)).UnsubscribeLink);
                await page.Locator("main form button[type=submit]").ClickAsync();
                await Expect(page.Locator(".panel--success")).ToBeVisibleAsync();
                break;
            case "petition-with-updates":
                // One update translated into Arabic and French, one not: the page shows both
                // directions and a text in another language than its own.
                var withUpdates = await A.Petition().Open().BuildAsync(app);
                await AnUpdate.On(withUpdates).Titled("We have started").PublishedAgo(TimeSpan.FromDays(2)).BuildAsync(app);
                await AnUpdate.On(withUpdates).Titled("Delivered today").WithBody("The petition is in the minister’s hands. [See the photos](https://example.org/photos).")
                    .Translated("ar", "سُلّمت اليوم", "العريضة الآن بين يدي الوزير.")
                    .Translated("fr", "Remise aujourd’hui", "La pétition est entre les mains du ministre.")
                    .PublishedAgo(TimeSpan.FromHours(3)).BuildAsync(app);
                await page.GotoAsync($"/petitions/{withUpdates}#updates");
                await Expect(page.Locator("#updates .update")).ToHaveCountAsync(2);
                break;
            case "verifying-a-delivery":
                await page.GotoAsync("/verifying-a-delivery");
                break;
            case "confirm-closed":
                // A link followed after the petition closed and its grace period ran out.
                var closing = await A.Petition().Open().BuildAsync(app);
                await SignAsync(page, closing, email);
                await app.WithDbAsync(db => db.Database.ExecuteSqlAsync(
                    $"UPDATE petitions SET status = 'Closed', closed_at = {app.Clock.GetUtcNow().AddDays(-3)} WHERE slug = {closing}"));
                await page.GotoAsync(Inbox.ConfirmationLink(await app.Inbox.WaitForAsync(email)));
                await Expect(page.Locator("main form")).ToHaveCountAsync(0);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "No such public page.");
        }
    }

    // The address each window signed the petition with and has not confirmed, by slug. Opening a
    // pending signature's links changes nothing (mail scanners follow links), so the pages that show
    // them open the links of the window's one signing instead of signing again; confirming does
    // change it, so "confirmed" signs its own.
    private static readonly ConditionalWeakTable<IBrowserContext, ConcurrentDictionary<string, string>> Signed = new();

    private static async Task<string> PendingSignatureAsync(IPage page, string slug, string email)
    {
        var signed = Signed.GetOrCreateValue(page.Context);
        if (signed.TryGetValue(slug, out var earlier))
            return earlier;
        await SignAsync(page, slug, email);
        signed.TryAdd(slug, email);
        return email;
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
