using System.Net;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Insights;
using Petitions.Core.Staff;
using Petitions.Tests.Infrastructure;
using Petitions.Tests.Signing;

namespace Petitions.Tests.Insights;

public sealed class DashboardTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    [Fact]
    public async Task The_dashboard_counts_signatures_by_status_beside_the_public_count()
    {
        var (id, _) = await PetitionWithEveryKindOfSignatureAsync();
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);

        var page = await admin.GetAsync($"/admin/petitions/{id}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Save the river", page.Heading);
        Assert.Equal("3", page.Text("#count-public strong"));
        Assert.Equal("3", page.Text("#count-counted strong"));
        Assert.Equal("2", page.Text("#count-pending strong"));
        Assert.Equal("1", page.Text("#count-flagged strong"));
        Assert.Equal("1", page.Text("#count-invalidated strong"));
        Assert.False(page.Has(".notice--warning"));
    }

    [Fact]
    public async Task The_dashboard_lists_the_top_countries_by_name()
    {
        var (id, _) = await PetitionWithEveryKindOfSignatureAsync();
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);

        var page = await admin.GetAsync($"/admin/petitions/{id}");

        var rows = page.Document.QuerySelectorAll("#top-countries tbody tr")
            .Select(tr => string.Join("|", tr.Children.Select(cell => cell.TextContent.Trim())))
            .ToArray();
        // Country, counted, all not invalidated; the invalidated American signature is left out.
        Assert.Equal(["United Kingdom|3|3", "France|0|2", "Germany|0|1"], rows);
        Assert.Equal("row", page.Document.QuerySelector("#top-countries tbody th")!.GetAttribute("scope"));
    }

    [Fact]
    public async Task The_hourly_chart_is_an_svg_image_with_a_title_a_description_and_a_table_of_its_figures()
    {
        var (id, _) = await PetitionWithEveryKindOfSignatureAsync();
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);

        var page = await admin.GetAsync($"/admin/petitions/{id}");

        var svg = page.Document.QuerySelector("figure.chart svg")!;
        Assert.Equal("img", svg.GetAttribute("role"));
        var labelledBy = svg.GetAttribute("aria-labelledby")!.Split(' ');
        Assert.Equal(["title", "desc"], labelledBy.Select(labelId => page.Document.GetElementById(labelId)!.LocalName));
        Assert.Contains("Signatures per hour", page.Document.GetElementById(labelledBy[0])!.TextContent);
        Assert.StartsWith("7 signatures from", page.Document.GetElementById(labelledBy[1])!.TextContent);
        Assert.NotEmpty(svg.QuerySelectorAll("rect.chart__bar"));
        Assert.False(page.Has("script"));

        var hours = page.Document.QuerySelectorAll("figure.chart details table tbody tr");
        Assert.Equal(PetitionInsights.ChartHours, hours.Length);
        Assert.Equal(7, hours.Sum(tr => int.Parse(tr.QuerySelector("td")!.TextContent)));
        Assert.NotEmpty(page.Text("figure.chart details summary"));
        Assert.NotEmpty(page.Text("figure.chart details caption"));
    }

    [Fact]
    public async Task Admins_get_every_link_and_moderators_all_but_edit()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var id = await app.PetitionIdAsync(slug);
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);

        var asAdmin = await admin.GetAsync($"/admin/petitions/{id}");
        var asModerator = await moderator.GetAsync($"/admin/petitions/{id}");

        foreach (var link in new[] { "signatures", "trending", "import" })
        {
            Assert.True(asAdmin.Has($"a[href='/admin/petitions/{id}/{link}']"), link);
            Assert.True(asModerator.Has($"a[href='/admin/petitions/{id}/{link}']"), link);
        }
        Assert.True(asAdmin.Has($"a[href='/admin/petitions/{id}/edit']"));
        Assert.False(asModerator.Has($"a[href='/admin/petitions/{id}/edit']"));
        Assert.True(asModerator.Has($"a[href='/petitions/{slug}']"));
    }

    [Fact]
    public async Task An_unknown_petition_has_no_dashboard()
    {
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/petitions/999999")).Status);
    }

    // Three confirmed British signatures; French signatures pending and flagged (confirmed, but
    // held for a moderator); a German one pending; an American one invalidated.
    private async Task<(int Id, string Slug)> PetitionWithEveryKindOfSignatureAsync()
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(3).BuildAsync(app);
        using var browser = app.Browser();
        await SignAsync(browser, slug, SignForm.Valid(SignForm.UniqueEmail(), country: "FR"));
        await SignAsync(browser, slug, SignForm.Valid(SignForm.UniqueEmail(), country: "DE"));
        var flagged = SignForm.UniqueEmail();
        await SignAsync(browser, slug, SignForm.Valid(flagged, country: "FR").With("Input.Website", "bot"));
        var link = Inbox.ConfirmationLink(await app.Inbox.WaitForAsync(flagged));
        await browser.SubmitAsync(await browser.GetAsync(link), new Dictionary<string, string?>());
        var invalid = SignForm.UniqueEmail();
        await SignAsync(browser, slug, SignForm.Valid(invalid, country: "US"));
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE signatures SET status = 'Invalidated', invalidated_at = now(), invalidation_reason = 'test' WHERE email = {invalid}"));
        return (await app.PetitionIdAsync(slug), slug);
    }

    private static async Task SignAsync(Browser browser, string slug, Dictionary<string, string?> form) =>
        Assert.Equal("Check your email", (await browser.SubmitAsync(await browser.GetAsync($"/petitions/{slug}"), form)).Heading);
}
