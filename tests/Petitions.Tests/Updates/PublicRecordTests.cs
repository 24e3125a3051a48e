using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.Updates;

public sealed class PublicRecordTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    private const string DraftText = "Unsent draft: do not publish yet";
    private const string CancelledText = "Cancelled: the meeting is off";

    // Three public updates a day apart (the middle one translated into French), a draft and a
    // cancelled one.
    private async Task<string> PetitionWithUpdatesAsync()
    {
        var slug = await A.Petition().Titled("Light the towpath").Open().BuildAsync(app);
        await AnUpdate.On(slug).Titled("We have started").WithBody("The first **thousand** signed.").PublishedAgo(TimeSpan.FromDays(3)).BuildAsync(app);
        await AnUpdate.On(slug).Titled("We met the council").WithBody("They will reply in March.")
            .Translated("fr", "Nous avons rencontré la mairie", "Elle répondra en mars.").PublishedAgo(TimeSpan.FromDays(2)).BuildAsync(app);
        await AnUpdate.On(slug).Titled("Delivered today").WithBody("The petition is in their hands.").PublishedAgo(TimeSpan.FromDays(1)).BuildAsync(app);
        await AnUpdate.On(slug).Titled(DraftText).WithBody(DraftText + " body").Draft().BuildAsync(app);
        await AnUpdate.On(slug).Titled(CancelledText).WithBody(CancelledText + " body").Cancelled().BuildAsync(app);
        return slug;
    }

    private async Task<(HttpResponseMessage Response, SyndicationFeed? Feed, string Xml)> FeedAsync(string url)
    {
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var response = await http.GetAsync(url);
        var xml = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
            return (response, null, xml);
        using var reader = XmlReader.Create(new StringReader(xml));
        return (response, SyndicationFeed.Load(reader), xml);
    }

    [Fact]
    public async Task The_petition_page_shows_public_updates_newest_first_in_the_readers_language()
    {
        var slug = await PetitionWithUpdatesAsync();
        using var browser = app.BrowserSpeaking("fr-FR,fr;q=0.9");

        var page = await browser.GetAsync($"/petitions/{slug}");

        var updates = page.Document.QuerySelectorAll("#updates .update").ToArray();
        Assert.Equal(["Delivered today", "Nous avons rencontré la mairie", "We have started"],
            updates.Select(u => u.QuerySelector(".update__title")!.TextContent.Trim()));
        // The translation is in the page's language; the others say they are English.
        Assert.Null(updates[1].QuerySelector(".update__title")!.GetAttribute("lang"));
        Assert.Equal("Elle répondra en mars.", updates[1].QuerySelector(".update__body")!.TextContent.Trim());
        Assert.Equal("en", updates[0].QuerySelector(".update__title")!.GetAttribute("lang"));
        Assert.Equal("ltr", updates[0].QuerySelector(".update__body")!.GetAttribute("dir"));
        Assert.Equal("thousand", updates[2].QuerySelector(".update__body strong")?.TextContent);
        var published = DateTimeOffset.Parse(updates[0].QuerySelector("time")!.GetAttribute("datetime")!);
        Assert.InRange(published, DateTimeOffset.UtcNow.AddDays(-1).AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(-1).AddMinutes(5));
        Assert.Equal("Actualité", page.Text("#updates-title"));
        Assert.Contains("/updates.atom?lang=fr", page.Document.QuerySelector("#updates a[type='application/atom+xml']")!.GetAttribute("href"));
        Assert.DoesNotContain(DraftText, page.Html);
        Assert.DoesNotContain(CancelledText, page.Html);
    }

    [Fact]
    public async Task A_petition_without_updates_shows_no_timeline_but_points_feed_readers_at_its_feed()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        await AnUpdate.On(slug).Titled(DraftText).Draft().BuildAsync(app);
        using var browser = app.Browser();

        var page = await browser.GetAsync($"/petitions/{slug}");

        Assert.False(page.Has("#updates"));
        Assert.DoesNotContain(DraftText, page.Html);
        var alternate = page.Document.QuerySelector("head link[rel=alternate][type='application/atom+xml']");
        Assert.Equal(new Uri(app.BaseAddress, $"/petitions/{slug}/updates.atom"), new Uri(alternate!.GetAttribute("href")!));
    }

    [Fact]
    public async Task The_feed_is_atom_with_the_public_updates_their_dates_and_links()
    {
        var slug = await PetitionWithUpdatesAsync();

        var (response, feed, xml) = await FeedAsync($"/petitions/{slug}/updates.atom");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("http://www.w3.org/2005/Atom", XDocument.Parse(xml).Root!.Name.NamespaceName);
        Assert.NotNull(feed);
        Assert.Equal("Updates: Light the towpath", feed.Title.Text);
        var items = feed.Items.ToArray();
        Assert.Equal(["Delivered today", "We met the council", "We have started"], items.Select(i => i.Title.Text));
        Assert.True(items[0].PublishDate > items[1].PublishDate && items[1].PublishDate > items[2].PublishDate);
        Assert.Equal(items[0].PublishDate, items[0].LastUpdatedTime);
        Assert.Equal(items[0].PublishDate, feed.LastUpdatedTime);
        var page = new Uri(app.BaseAddress, $"/petitions/{slug}");
        Assert.All(items, i => Assert.Equal(page.AbsolutePath, i.Links.Single().Uri.AbsolutePath));
        Assert.All(items, i => Assert.StartsWith(page.AbsoluteUri + "#update-", i.Id));
        Assert.Contains("<strong>thousand</strong>", ((TextSyndicationContent)items[2].Content).Text);
        Assert.DoesNotContain(DraftText, xml);
        Assert.DoesNotContain(CancelledText, xml);
    }

    [Fact]
    public async Task The_feed_speaks_the_language_asked_for_and_marks_untranslated_entries()
    {
        var slug = await PetitionWithUpdatesAsync();

        var (_, feed, xml) = await FeedAsync($"/petitions/{slug}/updates.atom?lang=fr");

        Assert.Equal("fr", feed!.Language);
        Assert.Equal("Actualité : Light the towpath", feed.Title.Text);
        Assert.Equal(["Delivered today", "Nous avons rencontré la mairie", "We have started"], feed.Items.Select(i => i.Title.Text));
        var entries = XDocument.Parse(xml).Root!.Elements(XName.Get("entry", "http://www.w3.org/2005/Atom")).ToArray();
        Assert.Equal("en", (string?)entries[0].Attribute(XNamespace.Xml + "lang"));
        Assert.Null(entries[1].Attribute(XNamespace.Xml + "lang"));
    }

    [Fact]
    public async Task There_is_no_feed_for_a_petition_that_does_not_exist_or_is_a_draft()
    {
        var draft = await A.Petition().Draft().BuildAsync(app);
        await AnUpdate.On(draft).Titled(DraftText).BuildAsync(app);

        var (missing, _, _) = await FeedAsync("/petitions/no-such-petition/updates.atom");
        var (hidden, _, body) = await FeedAsync($"/petitions/{draft}/updates.atom");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.DoesNotContain(DraftText, body);
    }

    [Fact]
    public async Task An_update_published_a_moment_ago_is_on_the_page_and_in_the_feed_within_the_cache_lifetime()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = app.Browser();
        Assert.False((await browser.GetAsync($"/petitions/{slug}")).Has("#updates"));
        Assert.Empty((await FeedAsync($"/petitions/{slug}/updates.atom")).Feed!.Items);

        await AnUpdate.On(slug).Titled("Fresh news").PublishedAgo(TimeSpan.Zero).BuildAsync(app);

        await Eventually.TrueAsync(async () => (await browser.GetAsync($"/petitions/{slug}")).Text("#updates .update__title") == "Fresh news",
            TimeSpan.FromSeconds(10), "the update on the petition page");
        await Eventually.TrueAsync(async () => (await FeedAsync($"/petitions/{slug}/updates.atom")).Feed!.Items.Any(),
            TimeSpan.FromSeconds(10), "the update in the feed");
    }
}
