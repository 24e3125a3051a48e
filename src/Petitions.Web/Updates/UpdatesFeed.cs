using System.ServiceModel.Syndication;
using System.Xml;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Petitions.Core.Email;
using Petitions.Core.Languages;
using Petitions.Core.Publishing;
using Petitions.Core.Updates;
using Petitions.Web.Hosting;
using Petitions.Web.Pages.Updates;

namespace Petitions.Web.Updates;

// A petition's public updates as an Atom feed, for feed readers and for anyone who follows the
// petition without giving an email address. The same updates as the page's timeline, from the
// same cache; the language is the one asked for with ?lang=, else the site's default, since a
// feed reader sends no useful Accept-Language and must get the same feed on every fetch.
public static class UpdatesFeed
{
    private const string AtomXmlNamespace = "http://www.w3.org/XML/1998/namespace";

    public static IEndpointRouteBuilder MapUpdatesFeed(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/petitions/{slug}/updates.atom", async (string slug, string? lang, PetitionQueries queries, PublicUpdates publicUpdates,
                IPublicLinks links, IStringLocalizer<UpdatesText> words, IOptions<AppOptions> app, CancellationToken ct) =>
            {
                if (await queries.FindPublishedAsync(slug, ct) is not { } found)
                    return Results.NotFound();
                var updates = await publicUpdates.ForAsync(found.Snapshot.Id, ct);
                var language = LanguageOf(lang);
                return Results.Bytes(Write(Build(found.Snapshot, updates, language, links, words, app.Value.Name)), "application/atom+xml; charset=utf-8");
            })
            .CacheOutput(PublicOutputCache.FeedPolicyName);
        return endpoints;
    }

    // Any unknown value reads as the default, so that ?lang=x1, x2, ... cannot fill the cache.
    public static string LanguageOf(string? lang) => SiteLanguages.Find(lang)?.Tag ?? SiteLanguages.Default;

    private static SyndicationFeed Build(PetitionSnapshot petition, IReadOnlyList<PublicUpdate> updates, string language,
        IPublicLinks links, IStringLocalizer<UpdatesText> words, string siteName)
    {
        var title = petition.In(language).Title;
        var inLanguage = language == SiteLanguages.Default ? "" : "?lang=" + language;
        // The page takes its language from the reader's browser or choice, never from the address
        // (see SiteLocalization), so its links carry no ?lang=; and an entry's id is then the same
        // in every language's feed.
        var page = links.Petition(petition.Slug);
        var self = links.UpdatesFeed(petition.Slug) + inLanguage;
        string feedTitle;
        using (SiteLanguages.Use(language))
            feedTitle = words["Updates.FeedTitle", title];

        var feed = new SyndicationFeed(feedTitle, null, new Uri(page), self,
            // A feed with no entries yet still says when it last changed: never, so the epoch.
            updates.Count > 0 ? updates[0].PublishedAt : DateTimeOffset.UnixEpoch)
        {
            Language = language,
        };
        feed.Links.Add(new SyndicationLink(new Uri(self), "self", null, "application/atom+xml", 0));
        feed.Authors.Add(new SyndicationPerson { Name = siteName });
        feed.Items = updates.Select(update =>
        {
            var text = update.In(language);
            var anchor = new Uri(page + "#update-" + update.Id);
            var item = new SyndicationItem(text.Title, SyndicationContent.CreateHtmlContent(text.BodyHtml), anchor,
                anchor.AbsoluteUri, update.PublishedAt)
            {
                PublishDate = update.PublishedAt,
            };
            // An update not translated into the feed's language says which language it is in.
            if (text.Language != language)
                item.AttributeExtensions.Add(new XmlQualifiedName("lang", AtomXmlNamespace), text.Language);
            return item;
        }).ToArray();
        return feed;
    }

    private static byte[] Write(SyndicationFeed feed)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false), Indent = true }))
            new Atom10FeedFormatter(feed).WriteTo(writer);
        return buffer.ToArray();
    }
}
