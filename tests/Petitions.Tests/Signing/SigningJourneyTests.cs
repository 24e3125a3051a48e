using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Signing;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.Signing;

public sealed class SigningJourneyTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    [Fact]
    public async Task Supporter_signs_confirms_by_email_and_is_counted()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = app.Browser();
        var email = SignForm.UniqueEmail();

        var petitionPage = await browser.GetAsync($"/petitions/{slug}");
        Assert.Equal(HttpStatusCode.OK, petitionPage.Status);
        Assert.Equal("0", petitionPage.Text(".tally__count strong"));

        var afterSigning = await browser.SubmitAsync(petitionPage, SignForm.Valid(email, name: "김철수"));
        Assert.Equal(HttpStatusCode.Redirect, afterSigning.FirstStatus);
        Assert.Equal("Check your email", afterSigning.Heading);
        Assert.Equal("0", (await browser.GetAsync($"/petitions/{slug}")).Text(".tally__count strong"));

        var message = await app.Inbox.WaitForAsync(email, "Please confirm your signature");
        // Not yet "Dear 김철수": nobody has shown that the address is theirs (UnconfirmedEmailTests).
        Assert.StartsWith("Hello,", message.Text.TrimStart());
        Assert.Contains("<a href=", message.Html);
        var link = Inbox.ConfirmationLink(message);

        // Opening the link, as a mail scanner would, confirms nothing.
        var confirmPage = await browser.GetAsync(link);
        Assert.Equal("Confirm your signature", confirmPage.Heading);
        Assert.Equal("0", (await browser.GetAsync($"/petitions/{slug}")).Text(".tally__count strong"));

        var confirmed = await browser.SubmitAsync(confirmPage, new Dictionary<string, string?>());
        Assert.Equal(HttpStatusCode.Redirect, confirmed.FirstStatus);
        Assert.Equal("Thank you: your signature is confirmed", confirmed.Heading);

        // The supporter's receipt: on the page and, to keep, by email.
        var receipt = await app.Inbox.WaitForAsync(email, "Your signature is confirmed");
        Assert.Contains($"Your signature number: {confirmed.Text(".receipt__number")}", receipt.Text);
        Assert.Contains($"Your receipt code: {confirmed.Text(".receipt__code")}", receipt.Text);

        Assert.Equal("1", (await browser.GetAsync($"/petitions/{slug}")).Text(".tally__count strong"));
        var api = await browser.Http.GetFromJsonAsync<PetitionJson>($"/api/petitions/{slug}");
        Assert.Equal(1, api!.SignatureCount);

        var stored = await app.WithDbAsync(db => db.Signatures.SingleAsync(s => s.Email == email));
        Assert.Equal("김철수", stored.Name);
        Assert.Equal(SignatureStatus.Confirmed, stored.Status);
        Assert.Equal("London", stored.City);
        Assert.NotNull(stored.IpAddress);
        Assert.True(IPAddress.IsLoopback(stored.IpAddress!));
    }

    [Theory]
    [InlineData("김철수")]
    [InlineData("王秀英")]
    [InlineData("王秀英（繁體）")]
    [InlineData("山田 太郎")]
    [InlineData("محمد عبدالله")]
    [InlineData("Владимир Иванов")]
    [InlineData("देवनागरी नाम")]
    [InlineData("Zoë Ñúñez-Ångström")]
    public async Task Names_in_any_script_are_accepted_and_stored_exactly(string name)
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = app.Browser();
        var email = SignForm.UniqueEmail();

        var page = await browser.SubmitAsync(await browser.GetAsync($"/petitions/{slug}"), SignForm.Valid(email, name));

        Assert.Equal("Check your email", page.Heading);
        var stored = await app.WithDbAsync(db => db.Signatures.SingleAsync(s => s.Email == email));
        Assert.Equal(name, stored.Name);
        // Greeted by name once the address is confirmed.
        var link = Inbox.ConfirmationLink(await app.Inbox.WaitForAsync(email));
        await browser.SubmitAsync(await browser.GetAsync(link), new Dictionary<string, string?>());
        Assert.Contains($"Dear {name},", (await app.Inbox.WaitForAsync(email, "Your signature is confirmed")).Text);
    }

    [Fact]
    public async Task Signing_without_optional_fields_works_and_choices_default_to_no()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = app.Browser();
        var email = SignForm.UniqueEmail();
        var form = SignForm.Valid(email).With("Input.City", null);

        var petitionPage = await browser.GetAsync($"/petitions/{slug}");
        Assert.False(petitionPage.Has("#Input_ShowNamePublicly[checked]"));
        Assert.False(petitionPage.Has("#Input_WantsUpdates[checked]"));
        Assert.Equal("Check your email", (await browser.SubmitAsync(petitionPage, form)).Heading);

        var stored = await app.WithDbAsync(db => db.Signatures.SingleAsync(s => s.Email == email));
        Assert.Null(stored.City);
        Assert.Null(stored.Comment);
        Assert.False(stored.ShowNamePublicly);
        Assert.False(stored.WantsUpdates);
    }

    [Fact]
    public async Task Choices_ticked_on_the_form_are_stored_separately()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = app.Browser();
        var email = SignForm.UniqueEmail();
        var form = SignForm.Valid(email).With("Input.WantsUpdates", "true").With("Input.Comment", "For my grandmother.");

        await browser.SubmitAsync(await browser.GetAsync($"/petitions/{slug}"), form);

        var stored = await app.WithDbAsync(db => db.Signatures.SingleAsync(s => s.Email == email));
        Assert.True(stored.WantsUpdates);
        Assert.False(stored.ShowNamePublicly);
        Assert.Equal("For my grandmother.", stored.Comment);
    }

    [Fact]
    public async Task Client_address_comes_from_X_Forwarded_For_sent_by_a_trusted_local_proxy()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = app.Browser();
        browser.Http.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");
        browser.Http.DefaultRequestHeaders.UserAgent.ParseAdd("TestPhone/1.0");
        var email = SignForm.UniqueEmail();

        await browser.SubmitAsync(await browser.GetAsync($"/petitions/{slug}"), SignForm.Valid(email));

        var stored = await app.WithDbAsync(db => db.Signatures.SingleAsync(s => s.Email == email));
        Assert.Equal(IPAddress.Parse("203.0.113.7"), stored.IpAddress);
        Assert.Equal("TestPhone/1.0", stored.UserAgent);
        Assert.True(stored.SignedAt > DateTimeOffset.UtcNow.AddMinutes(-1));
    }

    [Fact]
    public async Task Unknown_petition_is_a_friendly_404()
    {
        using var browser = app.Browser();
        var page = await browser.GetAsync("/petitions/no-such-petition");
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("Page not found", page.Heading);
    }

    [Fact]
    public async Task Draft_petition_is_not_public()
    {
        var slug = await A.Petition().Draft().BuildAsync(app);
        using var browser = app.Browser();
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/petitions/{slug}")).Status);
    }

    [Fact]
    public async Task Home_page_lists_open_petitions_only()
    {
        var open = await A.Petition().Open().Titled("Open one").WithConfirmedSignatures(2).BuildAsync(app);
        var closed = await A.Petition().Closed().Titled("Closed one").BuildAsync(app);
        using var browser = app.Browser();

        var home = await browser.GetAsync("/");

        Assert.True(home.Has($"a[href='/petitions/{open}']"));
        Assert.False(home.Has($"a[href='/petitions/{closed}']"));
    }

    [Fact]
    public async Task Petition_page_shows_recipient_text_demands_progress_and_deadline()
    {
        var slug = await A.Petition().Open().WithTarget(10).WithConfirmedSignatures(4).BuildAsync(app);
        using var browser = app.Browser();

        var page = await browser.GetAsync($"/petitions/{slug}");

        Assert.Contains("The Minister for Rivers", page.Text(".petition__to"));
        Assert.Equal(["Stop the dumping", "Clean the river"], page.Document.QuerySelectorAll(".demands li").Select(li => li.TextContent));
        Assert.Equal("4", page.Text(".tally__count strong"));
        Assert.Equal("4", page.Document.QuerySelector("progress")!.GetAttribute("value"));
        Assert.Equal("10", page.Document.QuerySelector("progress")!.GetAttribute("max"));
        Assert.StartsWith("Open until", page.Text(".tally__deadline"));
        Assert.True(page.Has("form button[type=submit]"));
    }

    private sealed record PetitionJson(string Slug, long SignatureCount);
}
