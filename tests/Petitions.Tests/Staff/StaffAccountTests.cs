using System.Net;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Core.Staff;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.Staff;

public sealed class StaffAccountTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    private static Dictionary<string, string?> Login(string email, string password) =>
        new() { ["Input.Email"] = email, ["Input.Password"] = password };

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_the_page_never_says_whether_it_exists()
    {
        var email = await app.CreateStaffAsync(StaffRoles.Moderator);
        using var browser = app.Browser();

        var messages = new List<string>();
        for (var i = 0; i < 5; i++)
            messages.Add((await browser.SubmitAsync(await browser.GetAsync("/admin/login"), Login(email, "wrong password " + i))).Text(".error-summary li"));
        var lockedOut = await browser.SubmitAsync(await browser.GetAsync("/admin/login"), Login(email, PetitionsApp.StaffPassword));
        var noSuchAccount = await browser.SubmitAsync(await browser.GetAsync("/admin/login"), Login("nobody-" + email, "whatever it is"));

        Assert.Equal("/admin/login", lockedOut.Url.AbsolutePath);
        Assert.All(messages, m => Assert.Equal(noSuchAccount.Text(".error-summary li"), m));
        Assert.Equal(noSuchAccount.Text(".error-summary li"), lockedOut.Text(".error-summary li"));
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.ActorEmail == email).Select(a => a.Action).ToListAsync());
        Assert.Equal(4, audit.Count(a => a == AuditActions.LoginFailed));
        Assert.Contains(AuditActions.LockedOut, audit);
    }

    [Fact]
    public async Task Staff_turn_on_two_factor_and_then_need_a_code_to_sign_in()
    {
        var email = await app.CreateStaffAsync(StaffRoles.Moderator);
        using var browser = app.Browser();
        await browser.SubmitAsync(await browser.GetAsync("/admin/login"), Login(email, PetitionsApp.StaffPassword));

        var setup = await browser.GetAsync("/admin/account/two-factor");
        var key = setup.Text("#authenticator-key");
        Assert.True(setup.Has(".qr svg"));
        var wrong = await browser.SubmitAsync(setup, new Dictionary<string, string?> { ["Code"] = "000000" });
        Assert.StartsWith("Error: That code did not work", wrong.Text("#Code-error"));
        var enabled = await browser.SubmitAsync(wrong, new Dictionary<string, string?> { ["Code"] = Totp.Code(key) });
        Assert.StartsWith("Two-factor sign-in is on", enabled.Text(".notice--success"));

        using var again = app.Browser();
        var codePage = await again.SubmitAsync(await again.GetAsync("/admin/login"), Login(email, PetitionsApp.StaffPassword));
        Assert.Equal("Enter your code", codePage.Heading);
        Assert.Equal(HttpStatusCode.Redirect, (await again.Http.GetAsync("/admin")).StatusCode);
        var signedIn = await again.SubmitAsync(codePage, new Dictionary<string, string?> { ["Code"] = Totp.Code(key) });
        Assert.Equal("Petitions", signedIn.Heading);

        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.ActorEmail == email).Select(a => a.Action).ToListAsync());
        Assert.Contains(AuditActions.TwoFactorEnabled, audit);
    }

    [Fact]
    public async Task When_an_admin_requires_two_factor_staff_without_it_are_sent_to_set_it_up()
    {
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);
        try
        {
            var staffPage = await admin.GetAsync("/admin/staff");
            var saved = await admin.SubmitAsync(staffPage, new Dictionary<string, string?> { ["RequireTwoFactor"] = "true" }, "form[action*='handler=Policy']");
            Assert.StartsWith("Two-factor sign-in is now required", saved.Text(".notice--success"));

            var response = await moderator.Http.GetAsync("/admin");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/admin/account/two-factor", response.Headers.Location!.OriginalString);
            Assert.Contains(AuditActions.TwoFactorRequired, await app.WithDbAsync(db => db.AuditEntries.Select(a => a.Action).ToListAsync()));
        }
        finally
        {
            await app.WithDbAsync(db => db.StaffPolicy.ExecuteUpdateAsync(s => s.SetProperty(p => p.RequireTwoFactor, false)));
        }
    }

    [Fact]
    public async Task An_admin_invites_a_moderator_who_sets_a_password_through_the_emailed_link_and_signs_in()
    {
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        var invited = $"new-moderator-{Guid.NewGuid():N}@example.org";

        var page = await admin.SubmitAsync(await admin.GetAsync("/admin/staff"),
            new Dictionary<string, string?> { ["Input.Email"] = invited, ["Input.Role"] = StaffRoles.Moderator }, "form[action*='handler=Invite']");
        Assert.Equal($"An invitation is on its way to {invited}.", page.Text(".notice--success"));

        var mail = await app.Inbox.WaitForAsync(invited, "You are invited");
        var link = System.Text.RegularExpressions.Regex.Match(mail.Text, @"https?://\S+accept-invitation\S+").Value;
        using var newcomer = app.Browser();
        var form = await newcomer.GetAsync(link);
        var mismatch = await newcomer.SubmitAsync(form, new Dictionary<string, string?> { ["Password"] = "a long enough password", ["Confirm"] = "something else entirely" });
        Assert.Equal("Error: The two passwords are not the same.", mismatch.Text("#Confirm-error"));
        var joined = await newcomer.SubmitAsync(await newcomer.GetAsync(link), new Dictionary<string, string?> { ["Password"] = "a long enough password", ["Confirm"] = "a long enough password" });
        Assert.Equal("Sign in", joined.Heading);

        var reused = await newcomer.SubmitAsync(await newcomer.GetAsync(link), new Dictionary<string, string?> { ["Password"] = "another long password", ["Confirm"] = "another long password" });
        Assert.StartsWith("This invitation link is not valid", reused.Text(".error-summary li"));

        var signedIn = await newcomer.SubmitAsync(await newcomer.GetAsync("/admin/login"), Login(invited, "a long enough password"));
        Assert.Equal("Petitions", signedIn.Heading);
        Assert.Equal(HttpStatusCode.Forbidden, (await newcomer.Http.GetAsync("/admin/staff")).StatusCode);
    }

    [Fact]
    public async Task Create_admin_on_the_command_line_creates_an_admin_and_resets_a_password_when_run_again()
    {
        var email = $"first-admin-{Guid.NewGuid():N}@example.org";

        var (code, output) = await RunCreateAdminAsync(email, "the first long password");
        Assert.Equal(0, code);
        Assert.Contains($"Created the Admin {email}.", output);
        (code, output) = await RunCreateAdminAsync(email, "the second long password");
        Assert.Equal(0, code);
        Assert.Contains("Reset the password", output);

        using var browser = app.Browser();
        var page = await browser.SubmitAsync(await browser.GetAsync("/admin/login"), Login(email, "the second long password"));
        Assert.Equal("Petitions", page.Heading);
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/admin/staff")).StatusCode);
    }

    private async Task<(int Code, string Output)> RunCreateAdminAsync(string email, string password)
    {
        var (code, output, errors) = await app.RunVerbAsync(["create-admin", "--email", email], input: password, environment: "Production");
        return (code, output + errors);
    }
}
