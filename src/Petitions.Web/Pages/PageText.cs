namespace Petitions.Web.Pages;

// The words of the public pages, one PageText.*.resx a language beside this file; PageText.resx
// is English, and the fallback for a key a translation lacks (a test keeps them all complete).
// Views reach it through IHtmlLocalizer<PageText> as L (see _ViewImports): values are trusted
// HTML, so a sentence may hold a link, and arguments are encoded.
public sealed class PageText;
