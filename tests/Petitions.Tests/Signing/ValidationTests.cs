using System.Net;
using Microsoft.EntityFrameworkCore;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.Signing;

public sealed class ValidationTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    public static TheoryData<string, string?, string, string> BadFields => new()
    {
        { "Input.Name", null, "Input_Name", "Enter your full name." },
        { "Input.Name", "   ", "Input_Name", "Enter your full name." },
        { "Input.Name", new string('가', 201), "Input_Name", "Your name must be 200 characters or fewer." },
        { "Input.Name", "Bob\u001BSmith", "Input_Name", "Your name contains characters that cannot be shown." },
        { "Input.Name", "Cheap pills http://pills.example", "Input_Name", "Your name can’t contain a web address." },
        { "Input.Name", "HTTPS://pills.example", "Input_Name", "Your name can’t contain a web address." },
        { "Input.Name", "Ada WWW.pills.example", "Input_Name", "Your name can’t contain a web address." },
        { "Input.Email", null, "Input_Email", "Enter your email address." },
        { "Input.Email", "not-an-email", "Input_Email", "Enter an email address in the right format, like name@example.com." },
        { "Input.Email", "someone@localhost", "Input_Email", "Enter an email address in the right format, like name@example.com." },
        { "Input.Email", "a@b@example.org", "Input_Email", "Enter an email address in the right format, like name@example.com." },
        { "Input.Email", "victim@example.org\r\nBcc: everyone@example.org", "Input_Email", "Enter an email address in the right format, like name@example.com." },
        { "Input.Country", null, "Input_Country", "Choose your country." },
        { "Input.Country", "ZZ", "Input_Country", "Choose your country from the list." },
        { "Input.City", new string('x', 101), "Input_City", "Your city or postcode must be 100 characters or fewer." },
        { "Input.Comment", new string('x', 501), "Input_Comment", "Your comment must be 500 characters or fewer." },
        { "Input.Consent", null, "Input_Consent", "Tick the box to agree that your signature will be delivered." },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task Each_bad_field_gets_its_own_message_next_to_it_and_nothing_is_stored(
        string field, string? value, string fieldId, string message)
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = app.Browser();
        var email = SignForm.UniqueEmail();
        var form = SignForm.Valid(email).With(field, value);

        var page = await browser.SubmitAsync(await browser.GetAsync($"/petitions/{slug}"), form);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal($"Error: {message}", page.Text($"#{fieldId}-error"));
        Assert.Equal(message, page.Text($".error-summary a[href='#{fieldId}']"));
        Assert.Single(page.Document.QuerySelectorAll(".error-summary li"));
        Assert.Equal("true", page.Document.QuerySelector($"#{fieldId}")!.GetAttribute("aria-invalid"));
        Assert.Contains($"{fieldId}-error", page.Document.QuerySelector($"#{fieldId}")!.GetAttribute("aria-describedby"));
        Assert.Equal(0, await app.SignatureRowsAsync(slug));
        Assert.Equal(0, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == email)));
    }

    [Fact]
    public async Task Input_is_kept_when_the_form_comes_back_with_errors()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = app.Browser();
        var form = SignForm.Valid("not-an-email", name: "Мария Петрова", country: "UA")
            .With("Input.Comment", "Slava").With("Input.WantsUpdates", "true").With("Input.Consent", null);

        var page = await browser.SubmitAsync(await browser.GetAsync($"/petitions/{slug}"), form);

        Assert.Equal("Мария Петрова", page.Document.QuerySelector("#Input_Name")!.GetAttribute("value"));
        Assert.Equal("not-an-email", page.Document.QuerySelector("#Input_Email")!.GetAttribute("value"));
        Assert.Equal("UA", page.Document.QuerySelector("#Input_Country option[selected]")!.GetAttribute("value"));
        Assert.Equal("London", page.Document.QuerySelector("#Input_City")!.GetAttribute("value"));
        Assert.Equal("Slava", page.Text("#Input_Comment"));
        Assert.True(page.Has("#Input_WantsUpdates[checked]"));
        Assert.Equal(2, page.Document.QuerySelectorAll(".error-summary li").Length);
    }

    [Fact]
    public async Task Errors_in_the_summary_follow_the_order_of_the_form()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = app.Browser();
        var empty = new Dictionary<string, string?>();

        var page = await browser.SubmitAsync(await browser.GetAsync($"/petitions/{slug}"), empty);

        var targets = page.Document.QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")!).ToArray();
        Assert.Equal(["#Input_Name", "#Input_Email", "#Input_Country", "#Input_Consent"], targets);
    }

    [Fact]
    public async Task A_form_without_its_antiforgery_token_is_refused_with_a_friendly_400()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = app.Browser();
        var form = SignForm.Valid(SignForm.UniqueEmail()).Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value!));

        var response = await browser.PostFormAsync($"/petitions/{slug}", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Please try again", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.SignatureRowsAsync(slug));
    }

    [Fact]
    public async Task A_NUL_character_in_the_form_is_refused_with_a_400_that_says_the_form_could_not_be_read_and_nothing_is_stored()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = app.Browser();

        var page = await browser.SubmitAsync(await browser.GetAsync($"/petitions/{slug}"), SignForm.Valid(SignForm.UniqueEmail(), "Bob\u0000Smith"));

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal("We could not read that form", page.Heading);
        Assert.Contains("NUL character", page.MainText);
        Assert.Equal(0, await app.SignatureRowsAsync(slug));
    }
}
