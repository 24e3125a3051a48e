using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Petitions.Core.Petitions;

// Petition bodies are written in Markdown by staff and shown to the public. Raw HTML is escaped,
// and links may only go to http(s) or mailto addresses, so a body can never carry script.
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
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!IsSafe(link.Url))
                link.Url = "";
            if (!link.IsImage)
                continue;
            // Images would load from anywhere on every page view; show them as links instead.
            link.IsImage = false;
        }
        return document.ToHtml(Pipeline);
    }

    // The text without formatting, for emails, PDFs and previews.
    public static string ToPlainText(string markdown) => Markdown.ToPlainText(markdown, Pipeline).Trim();

    private static bool IsSafe(string? url) =>
        url is not null && (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase)
            || url.StartsWith('#') || url.StartsWith('/'));
}
