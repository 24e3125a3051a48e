using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Petitions.BrowserTests.Infrastructure;
using Petitions.Core.Signing;
using Petitions.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Petitions.BrowserTests.Journeys;

public sealed partial class SigningJourneyTests(PetitionsApp app, Chromium chromium) : IClassFixture<PetitionsApp>
{
    [Fact]
    public async Task A_supporter_signs_confirms_from_the_email_and_sees_the_count_go_up()
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(41).BuildAsync(app);
        var email = $"ada-{Guid.NewGuid():N}@example.org";
        await using var tab = await chromium.OpenAsync(app);
        var page = tab.Page;

        await page.GotoAsync($"/petitions/{slug}");
        await Expect(page.Locator(".tally__count strong")).ToHaveTextAsync("41");
        await page.GetByLabel("Full name").FillAsync("Ada Lovelace");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Country", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "United Kingdom" });
        await page.GetByLabel("City or postcode").FillAsync("London");
        await page.Locator("#Input_Consent").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign this petition" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Check your email");
        var message = await app.Inbox.WaitForAsync(email, "Please confirm your signature");
        await page.GotoAsync(Inbox.ConfirmationLink(message));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Confirm your signature");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my signature" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Thank you: your signature is confirmed");
        await Expect(page.Locator(".receipt__number")).ToHaveTextAsync("42");
        await page.GetByRole(AriaRole.Link, new() { Name = "See the petition and the count" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/petitions/{slug}$"));
        await Expect(page.Locator(".tally__count strong")).ToHaveTextAsync("42");
    }

    [Fact]
    public async Task Signing_twice_shows_the_same_page_and_keeps_one_signature()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var email = $"twice-{Guid.NewGuid():N}@example.org";
        await using var tab = await chromium.OpenAsync(app);
        var page = tab.Page;

        await PublicPages.SignAsync(page, slug, email);
        var first = await page.Locator("main").InnerTextAsync();
        await PublicPages.SignAsync(page, slug, email.ToUpperInvariant());
        var second = await page.Locator("main").InnerTextAsync();

        // Whether an address has signed is the address owner's business: only the email differs.
        Assert.Equal(first, second);
        Assert.Equal(1, await app.SignatureRowsAsync(slug));
        await Eventually.TrueAsync(() => Task.FromResult(app.Inbox.To(email).Count == 2), Inbox.Patience, "a second email to the same address");
    }

    [Fact]
    public async Task Errors_are_listed_at_the_top_linked_to_their_fields_and_go_once_fixed()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        await using var tab = await chromium.OpenAsync(app);
        var page = tab.Page;
        await page.GotoAsync($"/petitions/{slug}");
        await page.Locator("#Input_Email").FillAsync("not an address");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign this petition" }).ClickAsync();

        var summary = page.Locator(".error-summary");
        await Expect(summary).ToBeVisibleAsync();
        await Expect(summary.GetByRole(AriaRole.Heading)).ToHaveTextAsync("There is a problem");
        // The summary comes before the form, so it is read first.
        Assert.True(await page.EvaluateAsync<bool>(
            "() => !!(document.querySelector('.error-summary').compareDocumentPosition(document.querySelector('#sign form')) & Node.DOCUMENT_POSITION_FOLLOWING)"));
        var links = summary.GetByRole(AriaRole.Link);
        var targets = await links.EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.Equal(["#Input_Name", "#Input_Email", "#Input_Country", "#Input_Consent"], targets);
        foreach (var target in targets)
        {
            var field = page.Locator(target);
            await Expect(field).ToHaveAttributeAsync("aria-invalid", "true");
            // Each field's error is read with the field: its id is among those the field is described by.
            var error = page.Locator($"{target}-error");
            await Expect(error).ToBeVisibleAsync();
            await Expect(field).ToHaveAttributeAsync("aria-describedby", new Regex($@"(^|\s){target[1..]}-error(\s|$)"));
            var said = Regex.Replace(await error.TextContentAsync() ?? "", @"\s+", " ").Trim();
            await Expect(field).ToHaveAccessibleDescriptionAsync(new Regex(Regex.Escape(said)));
        }

        // Following a link in the summary takes the supporter to the field, ready to type.
        await links.Filter(new() { HasText = "email" }).ClickAsync();
        await Expect(page.Locator("#Input_Email")).ToBeFocusedAsync();
        await PublicPages.FillInAsync(page, $"fixed-{Guid.NewGuid():N}@example.org");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign this petition" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Check your email");
        await Expect(page.Locator(".error-summary")).ToHaveCountAsync(0);
        Assert.Equal(1, await app.SignatureRowsAsync(slug));
    }

    [Fact]
    public async Task A_supporter_signs_and_confirms_with_the_keyboard_alone_and_always_sees_where_the_focus_is()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var email = $"keys-{Guid.NewGuid():N}@example.org";
        await using var tab = await chromium.OpenAsync(app);
        var page = tab.Page;
        var keyboard = page.Keyboard;
        await page.GotoAsync($"/petitions/{slug}");

        // The skip link comes first and lands in the page's content.
        await keyboard.PressAsync("Tab");
        await Expect(page.Locator(".skip-link")).ToBeFocusedAsync();
        await AssertFocusVisibleAsync(page);
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator("#main")).ToBeFocusedAsync();

        await TabToAsync(page, "#Input_Name");
        await keyboard.TypeAsync("Grace Hopper");
        await TabToAsync(page, "#Input_Email");
        await keyboard.TypeAsync(email);
        await TabToAsync(page, "#Input_Country");
        // Typing on a closed list picks the option that starts with what was typed.
        await keyboard.TypeAsync("United Kingdom");
        await Expect(page.Locator("#Input_Country")).ToHaveValueAsync("GB");
        await TabToAsync(page, "#Input_Consent");
        await keyboard.PressAsync("Space");
        await Expect(page.Locator("#Input_Consent")).ToBeCheckedAsync();
        await TabToAsync(page, "#sign button[type=submit]");
        await keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Check your email");
        await page.GotoAsync(Inbox.ConfirmationLink(await app.Inbox.WaitForAsync(email)));
        await TabToAsync(page, "main form button[type=submit]");
        await keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Thank you: your signature is confirmed");
        var stored = await app.WithDbAsync(db => db.Signatures.SingleAsync(s => s.Email == email));
        Assert.Equal(("Grace Hopper", "GB", SignatureStatus.Confirmed), (stored.Name, stored.Country, stored.Status));
    }

    [Fact]
    public async Task A_supporter_signs_and_confirms_with_JavaScript_turned_off()
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(2).BuildAsync(app);
        var email = $"nojs-{Guid.NewGuid():N}@example.org";
        await using var tab = await chromium.OpenAsync(app, configure: o => o.JavaScriptEnabled = false);
        var page = tab.Page;

        await page.GotoAsync($"/petitions/{slug}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign this petition" }).ClickAsync();
        // The server finds the errors; the page shows them with no script to help.
        await Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        await PublicPages.FillInAsync(page, email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign this petition" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Check your email");

        await page.GotoAsync(Inbox.ConfirmationLink(await app.Inbox.WaitForAsync(email)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my signature" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Thank you: your signature is confirmed");

        await page.GotoAsync($"/petitions/{slug}");
        await Expect(page.Locator(".tally__count strong")).ToHaveTextAsync("3");
    }

    // Presses Tab until the element is focused, checking at every stop that the focus can be seen.
    private static async Task TabToAsync(IPage page, string selector)
    {
        var target = page.Locator(selector);
        for (var presses = 0; presses < 40; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            await AssertFocusVisibleAsync(page);
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
                return;
        }
        Assert.Fail($"Tab never reached {selector}.");
    }

    private static async Task AssertFocusVisibleAsync(IPage page)
    {
        var focus = await page.EvaluateAsync<string[]>("""
            () => {
                const e = document.activeElement;
                const s = getComputedStyle(e);
                const visible = e.matches(':focus-visible') && s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
                return [e.outerHTML.slice(0, 120), String(visible)];
            }
            """);
        Assert.True(focus[1] == "true", $"The focus cannot be seen on {focus[0]}");
    }
}
