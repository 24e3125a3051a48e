namespace Petitions.Tests.Infrastructure;

public static class BrowserLanguages
{
    // A browser whose every request says which languages its reader prefers, as a browser set to
    // them does ("ko-KR,ko;q=0.9,en;q=0.8").
    public static Browser BrowserSpeaking(this PetitionsApp app, string acceptLanguage)
    {
        var browser = app.Browser();
        browser.Http.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);
        return browser;
    }
}
