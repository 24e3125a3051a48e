using Microsoft.AspNetCore.Localization;
using Petitions.Core.Languages;

namespace Petitions.Web.Hosting;

// Which language a request is answered in: the one the visitor chose with the switcher (kept in
// ASP.NET's standard culture cookie), else the first of their browser's Accept-Language that the
// site speaks ("ko-KR" finds Korean, "zh-TW" Traditional Chinese), else English. The staff area
// speaks the same way, with the same switcher.
public static class SiteLocalization
{
    public const string SwitchPath = "/language";

    public static IServiceCollection AddSiteLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = SiteLanguages.All.Select(l => l.Culture).ToList();
            options.DefaultRequestCulture = new RequestCulture(SiteLanguages.Default);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.FallBackToParentCultures = true;
            options.FallBackToParentUICultures = true;
            // The visitor's choice, then their browser. No query string: a shared link should not
            // switch the reader's language.
            options.RequestCultureProviders =
            [
                new CookieRequestCultureProvider(),
                new AcceptLanguageHeaderRequestCultureProvider { MaximumAcceptLanguageHeaderValuesToTry = 10 },
            ];
        });
        return services;
    }

    public static IApplicationBuilder UseSiteLocalization(this IApplicationBuilder app) => app.UseRequestLocalization();

    // The switcher's links land here: /language/ko?returnUrl=/petitions/save-the-river. A GET, so
    // that it works as a plain link without JavaScript; it changes only how the site speaks to
    // this browser. The return address must be on this site, or anyone could make a link through
    // us to anywhere.
    public static IEndpointRouteBuilder MapLanguageSwitch(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(SwitchPath + "/{tag}", (string tag, string? returnUrl, HttpContext http) =>
        {
            if (SiteLanguages.Find(tag) is not { } language)
                return Results.NotFound();
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language.Tag)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, Path = "/" });
            return Results.LocalRedirect(IsLocal(returnUrl) ? LocalUrls.ForLocationHeader(returnUrl!) : "/");
        });
        return endpoints;
    }

    // The rules of Url.IsLocalUrl: a path on this site ("/petitions/x"), never "//host" or "/\host",
    // which browsers read as another site, and nothing with a control character in it.
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);
}
