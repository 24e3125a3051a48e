namespace Petitions.BrowserTests.Infrastructure;

// The languages the public pages are checked and photographed in, told to the app the way a
// visitor's browser tells it: the browser's language (Accept-Language). Adding a translation to
// the app is adding its code here.
public static class Languages
{
    public static readonly string[] All = ["en"];
}
