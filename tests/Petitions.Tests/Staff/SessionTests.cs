using System.Net;
using Microsoft.AspNetCore.Hosting;
using Petitions.Core.Staff;
using Petitions.Tests.Infrastructure;
using static Petitions.Tests.Staff.StaffSessions;

namespace Petitions.Tests.Staff;

// A session ends when its account changes: at the next check of the security stamp. In
// production that is at most a minute away (StaffAccessTests waits it out once); here an instance
// checks every second, so each test waits a second or two instead.
public sealed class SessionTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    private PetitionsApp.Instance CheckingEverySecond(string? maxSessionAge = null) => app.StartInstance(b =>
    {
        b.UseSetting("Staff:SessionCheckInterval", "00:00:01");
        if (maxSessionAge is not null)
            b.UseSetting("Staff:MaxSessionAge", maxSessionAge);
    });

    [Fact]
    public async Task A_session_cookie_copied_before_sign_out_stops_working_after_it()
    {
        await using var instance = CheckingEverySecond();
        var email = await app.CreateStaffAsync(StaffRoles.Admin);
        using var browser = new Browser(instance.BaseAddress);
        var signedIn = await SignInAsync(browser, email);
        using var copy = CopySessionCookie(browser, instance.BaseAddress);
        Assert.Equal(HttpStatusCode.OK, await copy.GetAsync("/admin"));

        await browser.PostWithTokenOfAsync(signedIn, "/admin/logout");

        await Eventually.TrueAsync(async () => await copy.GetAsync("/admin") == HttpStatusCode.Redirect, TimeSpan.FromSeconds(15),
            "the copied cookie is refused after sign-out");
    }

    [Fact]
    public async Task A_session_cookie_copied_before_create_admin_reset_the_password_stops_working()
    {
        await using var instance = CheckingEverySecond();
        var email = await app.CreateStaffAsync(StaffRoles.Admin);
        using var browser = new Browser(instance.BaseAddress);
        await SignInAsync(browser, email);
        using var copy = CopySessionCookie(browser, instance.BaseAddress);
        Assert.Equal(HttpStatusCode.OK, await copy.GetAsync("/admin"));

        var (code, _, errors) = await app.RunVerbAsync(["create-admin", "--email", email], input: "a brand new long password", environment: "Production");
        Assert.True(code == 0, errors);

        await Eventually.TrueAsync(async () => await copy.GetAsync("/admin") == HttpStatusCode.Redirect, TimeSpan.FromSeconds(15),
            "the copied cookie is refused after the password reset");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.Http.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task A_session_cookie_copied_before_two_factor_was_turned_on_stops_working_and_the_session_that_turned_it_on_goes_on()
    {
        await using var instance = CheckingEverySecond();
        var email = await app.CreateStaffAsync(StaffRoles.Moderator);
        using var browser = new Browser(instance.BaseAddress);
        await SignInAsync(browser, email);
        using var copy = CopySessionCookie(browser, instance.BaseAddress);
        Assert.Equal(HttpStatusCode.OK, await copy.GetAsync("/admin"));

        var setup = await browser.GetAsync("/admin/account/two-factor");
        var enabled = await browser.SubmitAsync(setup, new Dictionary<string, string?> { ["Code"] = Totp.Code(setup.Text("#authenticator-key")) });
        Assert.StartsWith("Two-factor sign-in is on", enabled.Text(".notice--success"));

        await Eventually.TrueAsync(async () => await copy.GetAsync("/admin") == HttpStatusCode.Redirect, TimeSpan.FromSeconds(15),
            "the copied cookie is refused after two-factor sign-in was turned on");
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task An_admin_made_a_moderator_loses_the_admin_pages_at_the_next_check()
    {
        await using var instance = CheckingEverySecond();
        // A second Admin, so that this one is not the last and may be made a Moderator.
        await app.CreateStaffAsync(StaffRoles.Admin);
        var email = await app.CreateStaffAsync(StaffRoles.Admin);
        using var browser = new Browser(instance.BaseAddress);
        await SignInAsync(browser, email);
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/admin/staff")).StatusCode);

        var id = await IdOfAsync(app, email);
        Assert.IsType<StaffResult.Done>(await app.WithServiceAsync<StaffAccess, StaffResult>(s =>
            s.ChangeRoleAsync(id, StaffRoles.Moderator, Core.Audit.Actor.System, CancellationToken.None)));

        await Eventually.TrueAsync(async () => (await browser.Http.GetAsync("/admin/staff")).StatusCode != HttpStatusCode.OK, TimeSpan.FromSeconds(15),
            "the Staff page is closed to the demoted Admin");
        // Signed in again, as the Moderator they now are.
        Assert.Equal("Petitions", (await SignInAsync(browser, email)).Heading);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.Http.GetAsync("/admin/staff")).StatusCode);
    }

    [Fact]
    public async Task A_session_that_keeps_sliding_still_ends_at_the_maximum_age()
    {
        await using var instance = CheckingEverySecond(maxSessionAge: "00:00:06");
        var email = await app.CreateStaffAsync(StaffRoles.Moderator);
        using var browser = new Browser(instance.BaseAddress);
        await SignInAsync(browser, email);
        var signedInAt = DateTime.UtcNow;

        var statuses = new List<(TimeSpan At, HttpStatusCode Status)>();
        while (DateTime.UtcNow - signedInAt < TimeSpan.FromSeconds(20))
        {
            var status = (await browser.Http.GetAsync("/admin")).StatusCode;
            statuses.Add((DateTime.UtcNow - signedInAt, status));
            if (status != HttpStatusCode.OK)
                break;
            await Task.Delay(500);
        }

        Assert.Equal(HttpStatusCode.OK, statuses[0].Status);
        var (endedAt, ended) = statuses[^1];
        Assert.Equal(HttpStatusCode.Redirect, ended);
        Assert.True(endedAt >= TimeSpan.FromSeconds(5), $"Ended after {endedAt.TotalSeconds:0.0} s, before its maximum age.");
    }

    [Fact]
    public async Task Opening_the_two_factor_page_does_not_end_ones_own_session()
    {
        await using var instance = CheckingEverySecond();
        var email = await app.CreateStaffAsync(StaffRoles.Moderator);
        using var browser = new Browser(instance.BaseAddress);
        await SignInAsync(browser, email);

        // The first visit makes the key to scan; scanning it and typing a code takes longer than a check.
        var setup = await browser.GetAsync("/admin/account/two-factor");
        Assert.NotEmpty(setup.Text("#authenticator-key"));
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/admin")).StatusCode);
        var enabled = await browser.SubmitAsync(await browser.GetAsync("/admin/account/two-factor"),
            new Dictionary<string, string?> { ["Code"] = Totp.Code(setup.Text("#authenticator-key")) });
        Assert.StartsWith("Two-factor sign-in is on", enabled.Text(".notice--success"));
    }

    [Fact]
    public async Task Opening_the_two_factor_page_in_several_tabs_at_once_shows_one_key_and_never_fails()
    {
        var email = await app.CreateStaffAsync(StaffRoles.Moderator);
        using var browser = new Browser(app.BaseAddress);
        await SignInAsync(browser, email);

        var tabs = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => browser.Http.GetAsync("/admin/account/two-factor")));
        Assert.All(tabs, tab => Assert.Equal(HttpStatusCode.OK, tab.StatusCode));
        // The key that stands is the one every later visit shows.
        var key = (await browser.GetAsync("/admin/account/two-factor")).Text("#authenticator-key");
        Assert.NotEmpty(key);
        var enabled = await browser.SubmitAsync(await browser.GetAsync("/admin/account/two-factor"),
            new Dictionary<string, string?> { ["Code"] = Totp.Code(key) });
        Assert.StartsWith("Two-factor sign-in is on", enabled.Text(".notice--success"));
    }
}
