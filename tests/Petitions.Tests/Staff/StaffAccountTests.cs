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

    [Fact]
    public async Task Create_admin_refuses_to_make_a_moderator_an_admin_without_promote()
    {
        var email = await app.CreateStaffAsync(StaffRoles.Moderator);

        var (code, output, errors) = await app.RunVerbAsync(["create-admin", "--email", email], input: "a new long password", environment: "Production");

        Assert.Equal(1, code);
        Assert.Equal($"{email} is a Moderator, not an Admin; add --promote to make them an Admin.", errors.Trim().Split('\n')[^1].Trim());
        using var moderator = app.Browser();
        Assert.Equal("Petitions", (await moderator.SubmitAsync(await moderator.GetAsync("/admin/login"), Login(email, PetitionsApp.StaffPassword))).Heading);
        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.Http.GetAsync("/admin/staff")).StatusCode);

        (code, output, errors) = await app.RunVerbAsync(["create-admin", "--promote", "--email", email], input: "a new long password", environment: "Production");

        Assert.True(code == 0, errors);
        Assert.Contains($"Reset the password of {email} and made the account an Admin.", output);
        using var admin = app.Browser();
        await admin.SubmitAsync(await admin.GetAsync("/admin/login"), Login(email, "a new long password"));
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("/admin/staff")).StatusCode);
    }

    [Fact]
    public async Task Staff_verbs_list_staff_change_a_role_and_deactivate_and_reactivate_an_account()
    {
        // Another active Admin, so that deactivating this one is never refused as the last Admin's,
        // whichever of this class's tests run first.
        await app.CreateStaffAsync(StaffRoles.Admin);
        var email = await app.CreateStaffAsync(StaffRoles.Moderator);

        var (code, output, errors) = await app.RunVerbAsync(["staff", "list"], environment: "Production");
        Assert.True(code == 0, errors);
        Assert.Contains($"{email}\tModerator\tactive\ttwo-factor off", output);

        (code, output, errors) = await app.RunVerbAsync(["staff", "set-role", "--email", email, "--role", "admin"], environment: "Production");
        Assert.True(code == 0, errors);
        Assert.Contains($"{email} now has the role Admin.", output);

        (code, output, errors) = await app.RunVerbAsync(["staff", "deactivate", "--email", email], environment: "Production");
        Assert.True(code == 0, errors);
        using var browser = app.Browser();
        Assert.Equal("/admin/login", (await browser.SubmitAsync(await browser.GetAsync("/admin/login"), Login(email, PetitionsApp.StaffPassword))).Url.AbsolutePath);

        (code, output, errors) = await app.RunVerbAsync(["staff", "reactivate", "--email", email], environment: "Production");
        Assert.True(code == 0, errors);
        await browser.SubmitAsync(await browser.GetAsync("/admin/login"), Login(email, PetitionsApp.StaffPassword));
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/admin/staff")).StatusCode);

        (code, _, errors) = await app.RunVerbAsync(["staff", "set-role", "--email", "nobody-" + email, "--role", "Admin"], environment: "Production");
        Assert.Equal(1, code);
        Assert.Contains($"There is no staff account for nobody-{email}.", errors);
        var actions = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Target == $"staff {email}" && a.ActorEmail == "command line").Select(a => a.Action).ToListAsync());
        Assert.Equal([AuditActions.StaffDeactivated, AuditActions.StaffReactivated, AuditActions.StaffRoleChanged], actions.Order());
    }

    [Fact]
    public async Task A_link_for_an_address_never_invited_gets_the_same_answer_as_a_wrong_link_for_a_pending_invitation()
    {
        var pending = $"pending-{Guid.NewGuid():N}@example.org";
        var unknown = $"unknown-{Guid.NewGuid():N}@example.org";
        var invited = await app.WithServiceAsync<StaffAccounts, StaffResult>(s =>
            s.InviteAsync(pending, StaffRoles.Moderator, new Actor(null, "admin@example.org", null), CancellationToken.None));
        Assert.IsType<StaffResult.Done>(invited);

        foreach (var (password, confirm) in new[] { ("a long enough password", "a long enough password"), ("short", "short"), ("a long enough password", "another one entirely") })
        {
            var answers = new List<(System.Net.HttpStatusCode Status, string Text)>();
            foreach (var email in new[] { pending, unknown })
            {
                using var browser = app.Browser();
                var form = await browser.GetAsync($"/admin/accept-invitation?email={Uri.EscapeDataString(email)}&token=CfDJ8-not-a-real-token");
                var answer = await browser.SubmitAsync(form, new Dictionary<string, string?> { ["Password"] = password, ["Confirm"] = confirm });
                answers.Add((answer.Status, answer.MainText.Replace(email, "ADDRESS")));
            }
            Assert.Equal(answers[0], answers[1]);
        }
        Assert.Null(await app.WithDbAsync(db => db.Users.Where(u => u.Email == pending).Select(u => u.PasswordHash).SingleAsync()));
    }

    private async Task<(int Code, string Output)> RunCreateAdminAsync(string email, string password)
    {
        var (code, output, errors) = await app.RunVerbAsync(["create-admin", "--email", email], input: password, environment: "Production");
        return (code, output + errors);
    }
}
