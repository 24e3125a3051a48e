using System.Net;
using Microsoft.AspNetCore.Hosting;
using Petitions.Core.Staff;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.Hardening;

public sealed class SecurityHeadersTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    [Theory]
    [InlineData("/", 200)]
    [InlineData("/petition", 200)]
    [InlineData("/confirm/not-a-real-token", 404)]
    [InlineData("/api/petitions", 200)]
    [InlineData("/admin/login", 200)]
    [InlineData("/admin", 200)]
    [InlineData("/no-such-page", 404)]
    [InlineData("/api/petitions/no-such-petition", 404)]
    [InlineData("/css/site.css", 200)]
    [InlineData("/css/admin.css", 200)]
    [InlineData("/health", 200)]
    public async Task Every_response_carries_the_security_headers(string path, int status)
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = path == "/admin" ? await app.StaffBrowserAsync(StaffRoles.Admin) : app.Browser();

        var response = await browser.Http.GetAsync(path == "/petition" ? $"/petitions/{slug}" : path);

        Assert.Equal((HttpStatusCode)status, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task Refusals_and_error_pages_carry_the_security_headers_too()
    {
        using var browser = app.Browser();
        // A form posted without its antiforgery token: 400 and the "please try again" page.
        var refused = await browser.PostFormAsync("/admin/login", [new("Input.Email", "someone@example.org")]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        AssertSecurityHeaders(refused);
        // Signed out, an admin page redirects to the login page.
        var redirect = await browser.Http.GetAsync("/admin/rules");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        AssertSecurityHeaders(redirect);
    }

    [Fact]
    public async Task Outside_development_https_responses_carry_hsts()
    {
        using var browser = app.Browser();
        // As the app is reached in production: through a TLS-terminating proxy, by its public name.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = "petitions.example.org";
        request.Headers.Add("X-Forwarded-Proto", "https");

        var response = await browser.Http.SendAsync(request);

        var hsts = response.Headers.GetValues("Strict-Transport-Security").Single();
        Assert.Matches(@"max-age=\d{7,}", hsts);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task In_development_there_is_no_hsts_to_pin_localhost_to_https()
    {
        await using var development = app.StartInstance(b => b.UseEnvironment("Development"));
        using var browser = new Browser(development.BaseAddress);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = "petitions.example.org";
        request.Headers.Add("X-Forwarded-Proto", "https");

        var response = await browser.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        AssertSecurityHeaders(response);
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Pages_have_no_inline_script_or_style_for_the_policy_to_block()
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(3).BuildAsync(app);
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        var petitionId = await app.PetitionIdAsync(slug);

        foreach (var path in new[] { "/", $"/petitions/{slug}", "/admin", $"/admin/petitions/{petitionId}", "/admin/account/two-factor", "/admin/rules" })
        {
            var page = await admin.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Empty(page.Document.QuerySelectorAll("script:not([src])"));
            Assert.Empty(page.Document.QuerySelectorAll("[style]"));
            Assert.Empty(page.Document.QuerySelectorAll("style"));
            Assert.DoesNotContain(" onclick=", page.Html);
        }
    }

    [Fact]
    public async Task Staff_sign_in_cookies_are_secure_http_only_and_same_site()
    {
        var email = await app.CreateStaffAsync(StaffRoles.Moderator);
        using var browser = app.Browser();
        var page = await browser.GetAsync("/admin/login");
        var token = page.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var response = await browser.PostFormAsync("/admin/login",
            [new("__RequestVerificationToken", token), new("Input.Email", email), new("Input.Password", PetitionsApp.StaffPassword)]);

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("petitions.staff=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
