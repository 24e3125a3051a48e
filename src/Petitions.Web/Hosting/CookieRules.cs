namespace Petitions.Web.Hosting;

// One policy for every cookie the app sets (staff sign-in, two-factor, antiforgery, TempData,
// and any added later), applied as each is written, so none can be forgotten.
public static class CookieRules
{
    public static IServiceCollection AddCookieRules(this IServiceCollection services, IHostEnvironment environment) =>
        services.Configure<CookiePolicyOptions>(options =>
        {
            // Secure always, outside Development: behind a proxy that ends TLS the app sees plain
            // http, and a Secure flag that followed the request's scheme would silently be left
            // off if the proxy's X-Forwarded-Proto were not trusted. Chromium and Firefox still
            // keep Secure cookies from http://localhost, which they treat as a secure context.
            // In Development the zero-config run is plain http, opened as localhost, 127.0.0.1 or
            // a LAN address from a phone; Safari (older versions at least) and every browser on a
            // LAN address drop Secure cookies there and no one could sign in, so Development
            // follows the request's scheme.
            options.Secure = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            // No script reads a cookie, so none needs to be readable by one.
            options.HttpOnly = Microsoft.AspNetCore.CookiePolicy.HttpOnlyPolicy.Always;
            // Lax at least: a form on another site cannot post with a staff session. The staff
            // sign-in cookie asks for Strict itself.
            options.MinimumSameSitePolicy = SameSiteMode.Lax;
        });
}
