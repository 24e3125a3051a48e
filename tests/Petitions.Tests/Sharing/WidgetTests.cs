using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Hosting;
using Petitions.Core.Staff;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.Sharing;

public sealed class WidgetTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    [Fact]
    public async Task Other_sites_may_frame_the_widget()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = app.Browser();

        var response = await browser.Http.GetAsync($"/petitions/{slug}/widget");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors *", csp);
        Assert.DoesNotContain("frame-ancestors 'none'", csp);
        Assert.False(response.Headers.Contains("X-Frame-Options"));
        // The rest of the policy still holds.
        Assert.Contains("script-src 'self'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task The_petition_page_the_admin_area_and_everything_else_still_refuse_to_be_framed()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var id = await app.PetitionIdAsync(slug);
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);

        foreach (var path in new[] { $"/petitions/{slug}", $"/petitions/{slug}/social.png", $"/petitions/{slug}/qr.svg", $"/admin/petitions/{id}", "/", "/petitions/no-such-petition/widget" })
        {
            var response = await admin.Http.GetAsync(path);

            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        }
    }

    [Fact]
    public async Task The_sites_that_may_frame_the_widget_can_be_limited()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        await using var instance = app.StartInstance(b => b.UseSetting("Sharing:WidgetFrameAncestors", "https://news.example.org https://*.example.net"));
        using var browser = new Browser(instance.BaseAddress);

        var response = await browser.Http.GetAsync($"/petitions/{slug}/widget");

        Assert.Contains("frame-ancestors https://news.example.org https://*.example.net", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.False(response.Headers.Contains("X-Frame-Options"));
    }

    [Fact]
    public async Task The_widget_shows_the_title_count_and_progress_and_opens_the_petition_in_a_new_tab()
    {
        var slug = await A.Petition().Open().Titled("Save the river").WithTarget(10).WithConfirmedSignatures(3).BuildAsync(app);
        using var browser = app.Browser();

        var widget = await browser.GetAsync($"/petitions/{slug}/widget");

        Assert.Equal("Save the river", widget.Text(".widget__title"));
        Assert.StartsWith("3 signatures", widget.Text(".widget__count"));
        var bar = widget.Document.QuerySelector("progress")!;
        Assert.Equal("3", bar.GetAttribute("value"));
        Assert.Equal("10", bar.GetAttribute("max"));
        var sign = widget.Document.QuerySelector("a.widget__button")!;
        Assert.Equal(new Uri(app.BaseAddress, $"/petitions/{slug}").AbsoluteUri, sign.GetAttribute("href"));
        Assert.Equal("_blank", sign.GetAttribute("target"));
        Assert.Contains("noopener", sign.GetAttribute("rel"));
        Assert.StartsWith("Sign this petition", sign.TextContent.Trim());
        // Nothing in the frame acts by itself, and it runs no script.
        Assert.Empty(widget.Document.QuerySelectorAll("form, button, script"));
    }

    [Fact]
    public async Task A_draft_or_unknown_petition_has_no_widget()
    {
        var draft = await A.Petition().Draft().BuildAsync(app);
        using var browser = app.Browser();

        Assert.Equal(HttpStatusCode.NotFound, (await browser.Http.GetAsync($"/petitions/{draft}/widget")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.Http.GetAsync("/petitions/no-such-petition/widget")).StatusCode);
    }

    [Fact]
    public async Task Admins_find_the_embed_code_on_the_petitions_page_in_the_admin_area()
    {
        var slug = await A.Petition().Open().Titled("Save the \"river\" & sea").BuildAsync(app);
        var id = await app.PetitionIdAsync(slug);
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);

        var page = await admin.GetAsync($"/admin/petitions/{id}");

        var textarea = page.Document.QuerySelector("textarea#embed-snippet")!;
        Assert.True(textarea.HasAttribute("readonly"));
        Assert.Equal("Embed code", page.Text("label[for=embed-snippet]"));
        // Pasted into another page, the code is one frame with the widget's address, a title for
        // screen readers, a size and lazy loading.
        var pasted = new HtmlParser().ParseDocument($"<body>{textarea.TextContent}</body>");
        var frame = Assert.Single(pasted.Body!.Children);
        Assert.Equal("IFRAME", frame.TagName);
        Assert.Equal(new Uri(app.BaseAddress, $"/petitions/{slug}/widget").AbsoluteUri, frame.GetAttribute("src"));
        Assert.Equal("Petition: Save the \"river\" & sea", frame.GetAttribute("title"));
        Assert.Equal("360", frame.GetAttribute("width"));
        Assert.Equal("220", frame.GetAttribute("height"));
        Assert.Equal("lazy", frame.GetAttribute("loading"));
    }

    [Fact]
    public async Task A_draft_has_no_embed_code_since_its_widget_would_not_be_found()
    {
        var slug = await A.Petition().Draft().BuildAsync(app);
        var id = await app.PetitionIdAsync(slug);
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);

        var page = await admin.GetAsync($"/admin/petitions/{id}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.False(page.Has("#embed-snippet"));
    }
}
