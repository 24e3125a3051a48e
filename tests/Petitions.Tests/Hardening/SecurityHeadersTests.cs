using System.Net;
using Petitions.Core.Staff;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.Hardening;

public sealed class SecurityHeadersTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/petition")]
    [InlineData("/confirm/not-a-real-token")]
    [InlineData("/api/petitions")]
    [InlineData("/admin/login")]
    [InlineData("/admin")]
    [InlineData("/no-such-page")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = path == "/admin" ? await app.StaffBrowserAsync(StaffRoles.Admin) : app.Browser();

        var response = await browser.Http.GetAsync(path == "/petition" ? $"/petitions/{slug}" : path);

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
