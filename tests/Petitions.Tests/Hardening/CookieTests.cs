using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Petitions.Core.Staff;
using Petitions.Tests.Infrastructure;
using Petitions.Tests.Signing;

namespace Petitions.Tests.Hardening;

public sealed class CookieTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    [Fact]
    public async Task Every_cookie_the_app_sets_is_secure_http_only_and_same_site()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var (email, key) = await StaffWithTwoFactorAsync();
        using var browser = app.Browser();

        // A supporter signs: the antiforgery cookie.
        await browser.SubmitAsync(await browser.GetAsync($"/petitions/{slug}"), SignForm.Valid(SignForm.UniqueEmail()));
        // A member of staff signs in with two factors: the two-factor cookie, then the session.
        var codePage = await browser.SubmitAsync(await browser.GetAsync("/admin/login"),
            new Dictionary<string, string?> { ["Input.Email"] = email, ["Input.Password"] = PetitionsApp.StaffPassword });
        Assert.Equal("/admin/login/two-factor", codePage.Url.AbsolutePath);
        var landing = await browser.SubmitAsync(codePage, new Dictionary<string, string?> { ["Code"] = Totp.Code(key) });
        Assert.Equal("/admin", landing.Url.AbsolutePath);
        // Saving the rules leaves a notice for the next page: the TempData cookie.
        var saved = await browser.SubmitAsync(await browser.GetAsync("/admin/rules"), new Dictionary<string, string?>
        {
            ["Input.BurstLimit"] = "100", ["Input.BurstWindowSeconds"] = "60", ["Input.SustainedLimit"] = "1000",
            ["Input.SustainedWindowMinutes"] = "1440", ["Input.MinimumFillSeconds"] = "0",
        });
        Assert.Contains("The rules are saved", saved.Text("main [role=status]"));
        // Signing out deletes cookies, and deletions carry the same flags.
        await browser.PostWithTokenOfAsync(saved, "/admin/logout");

        var cookies = browser.SetCookieHeaders;
        foreach (var name in new[] { ".AspNetCore.Antiforgery.", "Identity.TwoFactorUserId=", "petitions.staff=", ".AspNetCore.Mvc.CookieTempDataProvider=" })
            Assert.Contains(cookies, c => c.StartsWith(name, StringComparison.Ordinal));
        Assert.All(cookies, cookie =>
        {
            var attributes = cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
            Assert.Contains("secure", attributes);
            Assert.Contains("httponly", attributes);
            Assert.Contains(attributes, a => a is "samesite=strict" or "samesite=lax");
        });
        Assert.Contains(cookies, c => c.StartsWith("petitions.staff=", StringComparison.Ordinal) && c.Contains("samesite=strict", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task In_development_over_plain_http_cookies_follow_the_request_so_the_local_run_works_in_every_browser()
    {
        await using var development = app.StartInstance(b => b.UseEnvironment("Development"));
        using var http = new Browser(development.BaseAddress);
        using var https = new Browser(development.BaseAddress);
        https.Http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        await http.GetAsync("/admin/login");
        await https.GetAsync("/admin/login");

        Assert.DoesNotContain("secure", Antiforgery(http).ToLowerInvariant().Split("; "));
        Assert.Contains("secure", Antiforgery(https).ToLowerInvariant().Split("; "));
        Assert.Contains("httponly", Antiforgery(http).ToLowerInvariant().Split("; "));
    }

    private static string Antiforgery(Browser browser) =>
        browser.SetCookieHeaders.Single(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));

    private async Task<(string Email, string Key)> StaffWithTwoFactorAsync()
    {
        var email = await app.CreateStaffAsync(StaffRoles.Admin);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        await users.ResetAuthenticatorKeyAsync(user);
        await users.SetTwoFactorEnabledAsync(user, true);
        return (email, (await users.GetAuthenticatorKeyAsync(user))!);
    }
}
