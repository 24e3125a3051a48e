using System.Net;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Hosting;
using Petitions.Tests.Infrastructure;
using Petitions.Tests.Signing;

namespace Petitions.Tests.Sharing;

public sealed class ShareLinksTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    // Each service's share page, and how it is told the petition's address.
    public static TheoryData<string, string, string> Services => new()
    {
        { "email", "Share by Email", "mailto:?subject=" },
        { "whatsapp", "Share on WhatsApp", "https://wa.me/?text=" },
        { "telegram", "Share on Telegram", "https://t.me/share/url?url=" },
        { "x", "Share on X", "https://x.com/intent/tweet?url=" },
        { "facebook", "Share on Facebook", "https://www.facebook.com/sharer/sharer.php?u=" },
        { "line", "Share on LINE", "https://social-plugins.line.me/lineit/share?url=" },
        { "kakaotalk", "Share on KakaoTalk", "https://sharer.kakao.com/talk/friends/picker/shorturl?url=" },
        { "weibo", "Share on Weibo", "https://service.weibo.com/share/share.php?url=" },
    };

    [Theory]
    [MemberData(nameof(Services))]
    public async Task The_petition_page_links_to_each_services_share_page_with_the_petitions_address(string service, string name, string start)
    {
        var slug = await A.Petition().Open().Titled("Save the river & the sea").BuildAsync(app);
        using var browser = app.Browser();

        var page = await browser.GetAsync($"/petitions/{slug}");

        var url = new Uri(app.BaseAddress, $"/petitions/{slug}").AbsoluteUri;
        var link = page.Document.QuerySelector($"a.share__link--{service}")!;
        var href = link.GetAttribute("href")!;
        Assert.StartsWith(start, href, StringComparison.Ordinal);
        Assert.Contains(Uri.EscapeDataString(url), href, StringComparison.Ordinal);
        // The title's "&" is encoded too, so it cannot cut the address short or add a parameter.
        Assert.DoesNotContain("& the sea", href, StringComparison.Ordinal);
        Assert.Equal(new[] { "noopener", "noreferrer" }, link.GetAttribute("rel")!.Split(' ').Order().ToArray());
        Assert.StartsWith(name, AccessibleName(link), StringComparison.Ordinal);
        if (service == "email")
            Assert.Null(link.GetAttribute("target"));
        else
            Assert.Equal("_blank", link.GetAttribute("target"));
    }

    [Fact]
    public async Task The_address_to_copy_is_in_a_read_only_field_that_works_without_javascript()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = app.Browser();

        var page = await browser.GetAsync($"/petitions/{slug}");

        var field = page.Document.QuerySelector("input#share-url")!;
        Assert.Equal(new Uri(app.BaseAddress, $"/petitions/{slug}").AbsoluteUri, field.GetAttribute("value"));
        Assert.True(field.HasAttribute("readonly"));
        Assert.Equal("Link to this petition", page.Text("label[for=share-url]"));
        // The copy button needs script, so it starts hidden and share.js shows it.
        var button = page.Document.QuerySelector("button[data-copy-from=share-url]")!;
        Assert.True(button.HasAttribute("hidden"));
        Assert.Equal("Copy link", button.TextContent.Trim());
    }

    [Fact]
    public async Task Sharing_runs_no_script_from_another_site()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = app.Browser();

        var page = await browser.GetAsync($"/petitions/{slug}");

        var scripts = page.Document.QuerySelectorAll("script").Select(s => s.GetAttribute("src")).ToArray();
        Assert.Contains(scripts, src => src!.StartsWith("/js/share.js", StringComparison.Ordinal));
        Assert.All(scripts, src => Assert.StartsWith("/", src));
        Assert.All(page.Document.QuerySelectorAll("iframe, img"),
            element => Assert.StartsWith(app.BaseAddress.AbsoluteUri.TrimEnd('/'), new Uri(app.BaseAddress, element.GetAttribute("src")!).AbsoluteUri));
        var script = await browser.Http.GetAsync(scripts.Single(src => src!.StartsWith("/js/share.js", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task Link_previews_get_the_title_summary_and_image_at_absolute_addresses()
    {
        var slug = await A.Petition().Open().Titled("Save the river").BuildAsync(app);
        using var browser = app.Browser();

        var page = await browser.GetAsync($"/petitions/{slug}");

        var url = new Uri(app.BaseAddress, $"/petitions/{slug}").AbsoluteUri;
        Assert.Equal("Save the river", Meta(page, "og:title"));
        Assert.Equal("Stop the dumping.", Meta(page, "og:description"));
        Assert.Equal(url, Meta(page, "og:url"));
        Assert.Equal(url + "/social.png", Meta(page, "og:image"));
        Assert.Equal("1200", Meta(page, "og:image:width"));
        Assert.Equal("630", Meta(page, "og:image:height"));
        Assert.Equal("summary_large_image", Meta(page, "twitter:card"));
        Assert.Equal("Save the river", Meta(page, "twitter:title"));
        Assert.Equal(url + "/social.png", Meta(page, "twitter:image"));
        Assert.Equal(url, page.Document.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        // The meta tags are in the head, where crawlers read them.
        Assert.NotNull(page.Document.Head!.QuerySelector("meta[property='og:image']"));

        var image = await browser.Http.GetAsync(Meta(page, "og:image"));
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Behind_a_configured_public_address_every_shared_address_uses_it()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        await using var instance = app.StartInstance(b => b.UseSetting("App:BaseUrl", "https://petitions.example.org"));
        using var browser = new Browser(instance.BaseAddress);

        var page = await browser.GetAsync($"/petitions/{slug}");

        var url = $"https://petitions.example.org/petitions/{slug}";
        Assert.Equal(url, Meta(page, "og:url"));
        Assert.Equal(url + "/social.png", Meta(page, "og:image"));
        Assert.Equal(url, page.Document.QuerySelector("input#share-url")!.GetAttribute("value"));
        Assert.Contains(Uri.EscapeDataString(url), page.Document.QuerySelector("a.share__link--whatsapp")!.GetAttribute("href"));
    }

    [Fact]
    public async Task After_confirming_the_supporter_is_asked_to_share_the_petition()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var email = SignForm.UniqueEmail();
        using var browser = app.Browser();
        await browser.SubmitAsync(await browser.GetAsync($"/petitions/{slug}"), SignForm.Valid(email));
        var link = new Uri(Inbox.ConfirmationLink(await app.Inbox.WaitForAsync(email))).PathAndQuery;

        var confirmed = await browser.SubmitAsync(await browser.GetAsync(link), new Dictionary<string, string?>());

        Assert.Equal("Thank you: your signature is confirmed", confirmed.Heading);
        Assert.Equal("Share this petition", confirmed.Text("#share-title"));
        var url = new Uri(app.BaseAddress, $"/petitions/{slug}").AbsoluteUri;
        Assert.Equal(url, confirmed.Document.QuerySelector("input#share-url")!.GetAttribute("value"));
        Assert.Contains(Uri.EscapeDataString(url), confirmed.Document.QuerySelector("a.share__link--whatsapp")!.GetAttribute("href"));
        // The poster's QR code is for the petition page, not for someone who has just signed.
        Assert.False(confirmed.Has(".share__qr"));
    }

    private static string Meta(Browser.WebPage page, string name) =>
        (page.Document.QuerySelector($"meta[property='{name}']") ?? page.Document.QuerySelector($"meta[name='{name}']"))
            ?.GetAttribute("content") ?? throw new InvalidOperationException($"No meta {name} on {page.Url}.");

    // What a screen reader announces for a link: its text, hidden parts included.
    private static string AccessibleName(IElement link) => string.Join(" ", link.TextContent.Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
