using Petitions.Core.Staff;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.BadInput;

// Petition bodies and updates are Markdown written by staff, and a staff account can be stolen.
// Whatever the Markdown says, a link in the page or an email goes only to an http, https or
// mailto address (or to a place on the site itself); anything else is shown as its text.
public sealed class MarkdownLinksTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    private const string Attacks = """
        Autolinks: <javascript:alert(1)> <JaVaScRiPt:alert(2)> <vbscript:msgbox(3)> <data:text/html;base64,PHNjcmlwdD4=>

        Links: [tab](<java	script:alert(4)>) [entity](&#106;avascript:alert(5)) [capitals](JAVASCRIPT:alert(6))
        [space]( javascript:alert(7)) [data](data:text/html,x) [reference][bad] ![image](javascript:alert(8))
        [entity tab](java&#x09;script:alert(9)) [newline entity](&#10;javascript:alert(11))

        Side by side: <javascript:alert(12)> then [after](javascript:alert(13)) on one line

        [bad]: javascript:alert(10)

        Kept: [site](https://example.org/good) <https://example.org/auto> <mailto:someone@example.org> <help@example.org> www.example.org
        """;

    private static readonly string[] SafeStarts = ["https://", "http://", "mailto:", "/", "#"];

    private static void AssertOnlySafeLinks(IEnumerable<string?> hrefs)
    {
        var all = hrefs.ToList();
        Assert.All(all, href => Assert.Contains(SafeStarts, s => (href ?? "").StartsWith(s, StringComparison.OrdinalIgnoreCase)));
        Assert.Contains("https://example.org/good", all);
        Assert.Contains("https://example.org/auto", all);
        Assert.Contains("mailto:someone@example.org", all);
        Assert.Contains("mailto:help@example.org", all);
        Assert.Contains("http://www.example.org", all);
    }

    [Fact]
    public async Task A_petition_body_keeps_its_http_and_mailto_links_and_shows_every_other_link_as_text()
    {
        var slug = $"links-{Guid.NewGuid():N}";
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        var edit = await admin.SubmitAsync(await admin.GetAsync("/admin/petitions/new"), new Dictionary<string, string?>
        {
            ["Input.Title"] = "Free the river", ["Input.Slug"] = slug, ["Input.RecipientName"] = "The Minister for Rivers",
            ["Input.RecipientAddress"] = "1 River Street\nLondon", ["Input.Summary"] = "Stop the dumping.", ["Input.Body"] = Attacks,
            ["Input.Demands"] = "Stop the dumping", ["Input.Target"] = "500",
            ["Input.ClosesOn"] = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd"), ["Input.CityField"] = "Optional", ["Input.CommentField"] = "Optional",
        });
        await admin.SubmitAsync(edit, new Dictionary<string, string?>(), "form[action*='handler=Publish']");

        using var supporter = app.Browser();
        var page = await supporter.GetAsync($"/petitions/{slug}");

        var body = page.Document.QuerySelector(".petition__text")!;
        AssertOnlySafeLinks(body.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Empty(body.QuerySelectorAll("img"));
        // Every href on the page, not only the body's.
        AssertOnlySafeLinks(page.Document.QuerySelectorAll("[href], [src]").Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")));
        // The refused links are still there to read, as text.
        Assert.Contains("javascript:alert(1)", body.TextContent);
        Assert.Contains("vbscript:msgbox(3)", body.TextContent);
        Assert.Contains("javascript:alert(12)", body.TextContent);
        Assert.Contains("tab", body.TextContent);
        Assert.Contains("reference", body.TextContent);
    }

    [Fact]
    public async Task An_update_on_the_petition_page_and_in_its_email_keeps_only_http_and_mailto_links()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var id = await app.PetitionIdAsync(slug);
        await AnUpdate.On(slug).Titled("Public news").WithBody(Attacks).PublishedAgo(TimeSpan.FromHours(1)).BuildAsync(app);

        using var supporter = app.Browser();
        var page = await supporter.GetAsync($"/petitions/{slug}");
        Assert.Contains("vbscript:msgbox(3)", page.MainText);
        AssertOnlySafeLinks(page.Document.QuerySelectorAll("[href], [src]").Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")));

        var staffEmail = await app.CreateStaffAsync(StaffRoles.Admin);
        using var admin = app.Browser();
        await admin.SubmitAsync(await admin.GetAsync("/admin/login"),
            new Dictionary<string, string?> { ["Input.Email"] = staffEmail, ["Input.Password"] = PetitionsApp.StaffPassword });
        var draft = await admin.SubmitAsync(await admin.GetAsync($"/admin/petitions/{id}/updates/write"),
            new Dictionary<string, string?> { ["Input.Title"] = "Emailed news", ["Input.Body"] = Attacks, ["Input.Audience"] = "Subscribers" });
        await admin.SubmitAsync(draft, new Dictionary<string, string?> { ["TestLanguage"] = "en" }, "form[action*='handler=Test']");

        var email = await app.Inbox.WaitForAsync(staffEmail);
        var html = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(email.Html);
        Assert.Contains("vbscript:msgbox(3)", html.Body!.TextContent);
        AssertOnlySafeLinks(html.QuerySelectorAll("[href], [src]").Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")));
    }
}
