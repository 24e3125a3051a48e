using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Delivery;
using Petitions.Core.Staff;
using Petitions.Tests.Infrastructure;
using Petitions.Tests.Signing;

namespace Petitions.Tests.BadInput;

// Requests that Hardening/EndpointFuzzTests found answering 500, one test each, so that each
// fix says what it is for.
public sealed class CraftedRequestTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    [Theory]
    [InlineData("/petitions/{slug}/widget")]
    [InlineData("/petitions/{slug}/check-your-email")]
    [InlineData("/petitions/no-such-petition/widget")]
    [InlineData("/admin/petitions/{id}")]
    [InlineData("/admin/petitions/0")]
    [InlineData("/admin/petitions/{id}/signatures")]
    [InlineData("/admin/petitions/{id}/updates")]
    [InlineData("/admin/signatures/0")]
    public async Task A_form_posted_to_a_page_that_takes_none_gets_the_405_page(string address)
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var id = await app.PetitionIdAsync(slug);
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        var withToken = await admin.GetAsync("/admin/staff");

        var page = await admin.PostWithTokenOfAsync(withToken, address.Replace("{slug}", slug).Replace("{id}", id.ToString()));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, page.Status);
        Assert.Equal("Nothing to send here", page.Heading);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task Another_method_with_a_valid_token_gets_the_405_page(string method)
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = app.Browser();
        var page = await browser.GetAsync($"/petitions/{slug}");
        var token = Browser.HiddenFields(page).Single(kv => kv.Key == "__RequestVerificationToken").Value;

        using var response = await browser.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), $"/petitions/{slug}")
        {
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]),
        });
        var shown = await Browser.WebPage.ReadAsync(response, null);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("Nothing to send here", shown.Heading);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\t")]
    [InlineData("another-petition")]
    public async Task A_slug_field_sent_with_the_sign_form_does_not_change_which_petition_is_signed(string slugField)
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = app.Browser();

        var page = await browser.SubmitAsync(await browser.GetAsync($"/petitions/{slug}"),
            SignForm.Valid(SignForm.UniqueEmail()).With("slug", slugField));

        Assert.Equal("Check your email", page.Heading);
        Assert.Equal(1, await app.SignatureRowsAsync(slug));
    }

    [Theory]
    [InlineData("a%00b")]
    [InlineData("%09")]
    public async Task A_petition_named_with_a_control_character_in_the_privacy_notice_link_shows_the_notice(string petition)
    {
        using var browser = app.Browser();

        var page = await browser.GetAsync($"/privacy?petition={petition}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Privacy notice", page.Heading);
    }

    [Theory]
    [InlineData("a%00b")]
    [InlineData("a%0D%0Ab")]
    public async Task A_control_character_in_the_audit_filters_actor_gets_a_field_error(string actor)
    {
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);

        var page = await admin.GetAsync($"/admin/audit?actor={actor}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Error: Enter the staff member’s address, or part of it, on one line.", page.Text("#actor-error"));
        Assert.False(page.Has("#audit-entries"));
    }

    [Fact]
    public async Task Deleting_an_export_from_two_tabs_at_once_deletes_it_once_and_neither_tab_fails()
    {
        var slug = await A.Petition().Closed().WithConfirmedSignatures(2).BuildAsync(app);
        var id = await app.PetitionIdAsync(slug);
        var job = await Deliveries.FinishedExportAsync(app, id, 2);
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        var page = await admin.GetAsync($"/admin/petitions/{id}/export");
        var token = page.Document.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => admin.PostFormAsync(
            $"/admin/petitions/{id}/export?job={job}&handler=Delete", [new("__RequestVerificationToken", token)])));

        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.NotFound, a.StatusCode.ToString()));
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        Assert.Equal(0, await app.WithDbAsync(db => db.ExportJobs.CountAsync(j => j.Id == job)));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == Core.Audit.AuditActions.ExportDeleted && a.Details == $"export {job}")));
    }

    [Fact]
    public async Task Turning_two_factor_off_from_several_tabs_at_once_never_fails()
    {
        using var staff = await app.StaffBrowserAsync(StaffRoles.Moderator);
        var page = await staff.GetAsync("/admin/account/two-factor");
        var token = page.Document.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => staff.PostFormAsync(
            "/admin/account/two-factor?handler=Disable", [new("__RequestVerificationToken", token)])));

        Assert.All(answers, a => Assert.True((int)a.StatusCode < 500, a.StatusCode.ToString()));
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/admin")).Status);
    }

    [Fact]
    public async Task An_unknown_preview_language_is_not_carried_into_the_address_after_a_test_email()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var id = await app.PetitionIdAsync(slug);
        var update = await AnUpdate.On(slug).Draft().BuildAsync(app);
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        var page = await admin.GetAsync($"/admin/petitions/{id}/updates/{update}");
        var token = page.Document.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;

        var answer = await admin.PostFormAsync($"/admin/petitions/{id}/updates/{update}?handler=Test",
            [new("__RequestVerificationToken", token), new("TestLanguage", "en"), new("Language", new string('x', 100_000))]);

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal($"/admin/petitions/{id}/updates/{update}", answer.Headers.Location!.OriginalString);
    }
}
