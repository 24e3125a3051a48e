using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Staff;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.BadInput;

// Values at the edges of what a type can hold, each of which once answered 500: a return address
// that is not ASCII, the last day of the calendar as the end of a filter, the first day of the
// calendar as a petition's deadline. Each now gets an answer that makes sense.
public sealed class OutOfRangeInputTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    [Theory]
    [InlineData("/café", "/caf%C3%A9")]
    [InlineData("/petitions/北朝鮮", "/petitions/%E5%8C%97%E6%9C%9D%E9%AE%AE")]
    [InlineData("/petitions/x?q=é#top", "/petitions/x?q=%C3%A9#top")]
    [InlineData("/already%20escaped", "/already%20escaped")]
    public async Task A_return_address_with_letters_outside_ascii_is_followed_percent_encoded(string returnUrl, string expected)
    {
        using var browser = app.Browser();

        var response = await browser.Http.GetAsync($"/language/de?returnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_return_address_outside_ascii_after_signing_in_is_followed_percent_encoded()
    {
        var email = await app.CreateStaffAsync(StaffRoles.Moderator);
        using var browser = app.Browser();
        var login = await browser.GetAsync($"/admin/login?ReturnUrl={Uri.EscapeDataString("/admin/café")}");
        var token = Browser.HiddenFields(login).Single(kv => kv.Key == "__RequestVerificationToken").Value;

        var response = await browser.PostFormAsync("/admin/login", [new("__RequestVerificationToken", token),
            new("Input.Email", email), new("Input.Password", PetitionsApp.StaffPassword), new("ReturnUrl", "/admin/café")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/caf%C3%A9", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Far_future_date_in_the_audit_filter_lists_everything_up_to_now()
    {
        var actor = $"far-future-{Guid.NewGuid():N}@example.org";
        await app.WithDbAsync(async db =>
        {
            db.AuditEntries.Add(new Core.Audit.AuditEntry(new Core.Audit.Actor(null, actor, null), Core.Audit.AuditActions.ExportStarted, null, "today", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        });
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);

        var page = await admin.GetAsync($"/admin/audit?actor={Uri.EscapeDataString(actor)}&from=0001-01-01&to=9999-12-31");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.False(page.Has(".error-summary"), page.Text(".error-summary"));
        Assert.Contains("today", page.Text("#audit-entries"));
    }

    [Fact]
    public async Task Far_future_date_in_the_moderation_filter_lists_the_signatures_up_to_now()
    {
        var slug = await A.Petition().Open().With(A.Signature("Ana Silva")).BuildAsync(app);
        var petitionId = await app.PetitionIdAsync(slug);
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);

        var list = await moderator.GetAsync($"/admin/petitions/{petitionId}/signatures?from=0001-01-01&to=9999-12-31");
        var bulk = await moderator.GetAsync($"/admin/petitions/{petitionId}/signatures/bulk/invalidate?from=0001-01-01&to=9999-12-31");

        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Contains("Ana Silva", list.Text("table.signatures tbody"));
        Assert.Equal(HttpStatusCode.OK, bulk.Status);
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("1970-01-01")]
    [InlineData("9999-12-31")]
    public async Task A_closing_date_outside_the_years_a_petition_can_run_gets_a_field_error_and_nothing_is_saved(string closesOn)
    {
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        var slug = $"edge-{Guid.NewGuid():N}";

        var page = await admin.SubmitAsync(await admin.GetAsync("/admin/petitions/new"), new Dictionary<string, string?>
        {
            ["Input.Title"] = "Free the river",
            ["Input.Slug"] = slug,
            ["Input.RecipientName"] = "The Minister for Rivers",
            ["Input.RecipientAddress"] = "1 River Street\nLondon",
            ["Input.Summary"] = "Stop the dumping.",
            ["Input.Body"] = "The river is dying.",
            ["Input.Demands"] = "Stop the dumping",
            ["Input.Target"] = "500",
            ["Input.ClosesOn"] = closesOn,
            ["Input.CityField"] = "Optional",
            ["Input.CommentField"] = "Optional",
        });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Error: Enter a closing date between 2000-01-01 and 2199-12-31, or leave it empty.", page.Text("#Input_ClosesOn-error"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Petitions.CountAsync(p => p.Slug == slug)));
    }

    [Theory]
    [InlineData("0001-01-01 23:59:59+00")]
    [InlineData("9999-12-31 23:59:59+00")]
    public async Task A_petition_stored_with_a_deadline_at_the_edge_of_the_calendar_still_has_its_page_and_api(string closesAt)
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(1).BuildAsync(app);
        // As an older version, or a hand-made SQL fix, could have stored it.
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE petitions SET closes_at = {0}::timestamptz WHERE slug = {1}", closesAt, slug));
        using var visitor = app.Browser();

        var page = await visitor.GetAsync($"/petitions/{slug}");
        var api = await visitor.Http.GetAsync($"/api/petitions/{slug}");
        var widget = await visitor.Http.GetAsync($"/petitions/{slug}/widget");
        var feed = await visitor.Http.GetAsync($"/petitions/{slug}/updates.atom");
        var list = await visitor.Http.GetAsync("/api/petitions");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Save the river", page.Heading);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        using var json = JsonDocument.Parse(await api.Content.ReadAsStringAsync());
        Assert.Equal(slug, json.RootElement.GetProperty("slug").GetString());
        Assert.Equal(HttpStatusCode.OK, widget.StatusCode);
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }
}
