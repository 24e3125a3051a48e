using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Petitions.Core.Publishing;

// Petition bodies, responses and updates are written in Markdown by staff and shown to the public,
// on the site and in emails. Raw HTML is escaped, and a link may only go to an http(s) or mailto
// address, or to a place on this site; any other link is shown as its text, so a body can never
// carry script (a stolen staff account would otherwise reach every reader).
public static class PetitionMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .Build();

    public static string ToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        // Both kinds of link, after entities are decoded and references resolved: [text](url),
        // [text][ref] and bare www. addresses are LinkInlines, <scheme:...> is an AutolinkInline.
        // Both lists are taken before anything changes: unwrapping a link rearranges the inlines
        // around it, and a walk begun after that could miss an autolink beside it.
        var links = document.Descendants<LinkInline>().ToList();
        var autolinks = document.Descendants<AutolinkInline>().ToList();
        foreach (var link in links)
        {
            // Images would load from anywhere on every page view; show them as links instead.
            link.IsImage = false;
            if (!IsSafe(link.GetDynamicUrl?.Invoke() ?? link.Url))
                Unwrap(link);
        }
        foreach (var autolink in autolinks)
        {
            // An email autolink (<someone@example.org>) is written out as mailto: by the renderer.
            if (!autolink.IsEmail && !IsSafe(autolink.Url))
                autolink.ReplaceBy(new LiteralInline(autolink.Url));
        }
        return document.ToHtml(Pipeline);
    }

    // The text without formatting, for emails, PDFs and previews.
    public static string ToPlainText(string markdown) => Markdown.ToPlainText(markdown, Pipeline).Trim();

    // An allow-list: whatever does not begin with one of these (after Markdig has decoded
    // entities) is refused, so "JaVaScRiPt:", "java\tscript:", " javascript:", "data:" and
    // schemes not yet invented all fail alike. "//host" is an http(s) link in the page's scheme.
    private static bool IsSafe(string? url) =>
        url is not null && (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)
            || url.StartsWith('#') || url.StartsWith('/'));

    // The link's text stays where the link was, as plain text.
    private static void Unwrap(LinkInline link)
    {
        var child = link.FirstChild;
        while (child is not null)
        {
            var next = child.NextSibling;
            child.Remove();
            link.InsertBefore(child);
            child = next;
        }
        link.Remove();
    }
}
