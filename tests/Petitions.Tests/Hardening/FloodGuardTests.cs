using System.Net;
using Microsoft.AspNetCore.Hosting;
using Petitions.Tests.Infrastructure;
using Petitions.Tests.Signing;

namespace Petitions.Tests.Hardening;

public sealed class FloodGuardTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    [Fact]
    public async Task A_flood_of_sign_in_attempts_gets_429_with_retry_after_not_503()
    {
        await using var guarded = app.StartInstance(b => b.UseSetting("FloodGuard:StaffFormsPerMinute", "3"));
        using var browser = new Browser(guarded.BaseAddress);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var page = await browser.SubmitAsync(await browser.GetAsync("/admin/login"),
                new Dictionary<string, string?> { ["Input.Email"] = "someone@example.org", ["Input.Password"] = "guess " + i });
            statuses.Add(page.FirstStatus);
            if (page.FirstStatus == HttpStatusCode.TooManyRequests)
                Assert.Equal("Too many attempts", page.Heading);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        var last = await browser.Http.PostAsync("/admin/login", new FormUrlEncodedContent([]));
        Assert.Equal("60", last.Headers.RetryAfter?.ToString());
    }

    [Theory]
    [InlineData("/admin/login")]
    [InlineData("/admin/login/two-factor")]
    [InlineData("/admin/account/two-factor")]
    [InlineData("/admin/accept-invitation")]
    [InlineData("/admin/staff?handler=Invite")]
    [InlineData("/admin/staff?handler=invite")]
    [InlineData("/admin/staff?handler=x&handler=Invite")]
    public async Task Every_staff_form_is_flood_guarded_with_a_friendly_429_page(string url)
    {
        await using var guarded = app.StartInstance(b => b.UseSetting("FloodGuard:StaffFormsPerMinute", "3"));
        using var browser = new Browser(guarded.BaseAddress);

        // The guard stands before the antiforgery check and the sign-in check: forms without a
        // token, or from someone signed out, count as much as any.
        for (var i = 0; i < 3; i++)
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await browser.PostFormAsync(url, [new("Input.Email", "someone@example.org")])).StatusCode);
        var refused = await browser.PostFormAsync(url, [new("Input.Email", "someone@example.org")]);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("60", refused.Headers.RetryAfter?.ToString());
        Assert.StartsWith("text/html", refused.Content.Headers.ContentType?.ToString());
        var page = await Browser.WebPage.ReadAsync(refused, null);
        Assert.Equal("Too many attempts", page.Heading);
        Assert.Contains("wait a minute", page.MainText);
        // Reading a page is never limited.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin/login")).Status);
    }

    [Fact]
    public async Task A_flood_of_signatures_from_one_address_gets_429_and_nothing_half_stored()
    {
        await using var guarded = app.StartInstance(b => b.UseSetting("FloodGuard:SignaturesPerMinute", "2"));
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = new Browser(guarded.BaseAddress);

        var results = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            results.Add((await browser.SubmitAsync(await browser.GetAsync($"/petitions/{slug}"), SignForm.Valid(SignForm.UniqueEmail()))).FirstStatus);

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], results);
        Assert.Equal(2, await app.SignatureRowsAsync(slug));
        // Reading is never limited.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/petitions/{slug}")).Status);
    }

    // The links in signers' emails: confirming, asking for a new link, and the manage page's
    // withdraw, stop-updates and copy buttons. Each form checks a token, and the copy sends email.
    [Theory]
    [InlineData("/confirm/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("/confirm/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA?handler=NewLink")]
    [InlineData("/signatures/manage/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA?handler=Copy")]
    [InlineData("/signatures/manage/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA?handler=Withdraw")]
    [InlineData("/SIGNATURES/manage/x?handler=StopUpdates")]
    public async Task Confirmation_and_manage_links_are_flood_guarded_like_the_sign_form(string url)
    {
        await using var guarded = app.StartInstance(b => b.UseSetting("FloodGuard:SignaturesPerMinute", "3"));
        using var browser = new Browser(guarded.BaseAddress);

        for (var i = 0; i < 3; i++)
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await browser.PostFormAsync(url, [])).StatusCode);
        var refused = await browser.PostFormAsync(url, []);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("60", refused.Headers.RetryAfter?.ToString());
        var page = await Browser.WebPage.ReadAsync(refused, null);
        Assert.Equal("Too many attempts", page.Heading);
        // Opening the link is never limited.
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await browser.GetAsync(url)).Status);
    }
}
