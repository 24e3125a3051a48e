using System.Net;

namespace Petitions.Web.Sharing;

// The HTML an organiser pastes into another site to show the widget. The title attribute names
// the frame for screen readers on that page. Both values are escaped as attribute values, since
// the snippet is HTML to paste, not text to show.
public static class EmbedSnippet
{
    public const int Width = 360;
    public const int Height = 220;

    public static string For(string widgetUrl, string petitionTitle) =>
        $"<iframe src=\"{WebUtility.HtmlEncode(widgetUrl)}\" title=\"Petition: {WebUtility.HtmlEncode(petitionTitle)}\" " +
        $"width=\"{Width}\" height=\"{Height}\" loading=\"lazy\"></iframe>";
}
