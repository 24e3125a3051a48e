using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Core.Staff;
using Petitions.Tests.Infrastructure;
using static Petitions.Tests.Staff.StaffSessions;

namespace Petitions.Tests.Staff;

// Admins change roles, deactivate, reactivate and remove staff from the Staff page. These run on
// the app as configured for production: a session is checked against its account once a minute.
public sealed class StaffAccessTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    [Fact]
    public async Task An_admin_makes_a_moderator_an_admin_from_the_staff_page_and_it_is_in_the_audit_log()
    {
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        var email = await app.CreateStaffAsync(StaffRoles.Moderator);
        var id = await IdOfAsync(app, email);

        var page = await admin.SubmitAsync(await admin.GetAsync("/admin/staff"), new Dictionary<string, string?> { ["NewRole"] = StaffRoles.Admin }, $"#staff-{id}-role");

        Assert.StartsWith($"{email} now has the role Admin.", page.Text(".notice--success"));
        Assert.Equal(StaffRoles.Admin, page.Document.QuerySelector($"#role-{id} option[selected]")!.GetAttribute("value"));
        using var promoted = app.Browser();
        await SignInAsync(promoted, email);
        Assert.Equal(HttpStatusCode.OK, (await promoted.Http.GetAsync("/admin/staff")).StatusCode);
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Target == $"staff {email}").Select(a => new { a.Action, a.Details }).ToListAsync());
        Assert.Contains(audit, a => a.Action == AuditActions.StaffRoleChanged && a.Details == "role Moderator -> Admin");
    }

    [Fact]
    public async Task A_deactivated_moderator_cannot_sign_in_and_gets_the_answer_a_wrong_password_gets_until_reactivated()
    {
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        var email = await app.CreateStaffAsync(StaffRoles.Moderator);
        var id = await IdOfAsync(app, email);

        var deactivated = await admin.SubmitAsync(await admin.GetAsync("/admin/staff"), new Dictionary<string, string?>(), $"#staff-{id}-deactivate");
        Assert.StartsWith($"{email} is deactivated", deactivated.Text(".notice--success"));
        Assert.Equal("Deactivated", deactivated.Document.QuerySelector($"#staff-{id}-role")!.Closest("tr")!.QuerySelectorAll("td")[3].TextContent.Trim());

        using var moderator = app.Browser();
        var refused = await SignInAsync(moderator, email);
        using var stranger = app.Browser();
        var wrongPassword = await SignInAsync(stranger, email + ".invalid", "not the password at all");
        Assert.Equal("/admin/login", refused.Url.AbsolutePath);
        Assert.Equal(wrongPassword.Status, refused.Status);
        Assert.Equal(wrongPassword.Text(".error-summary"), refused.Text(".error-summary"));

        var reactivated = await admin.SubmitAsync(await admin.GetAsync("/admin/staff"), new Dictionary<string, string?>(), $"#staff-{id}-reactivate");
        Assert.StartsWith($"{email} is active again", reactivated.Text(".notice--success"));
        Assert.Equal("Petitions", (await SignInAsync(moderator, email)).Heading);
        var actions = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Target == $"staff {email}").Select(a => a.Action).ToListAsync());
        Assert.Contains(AuditActions.StaffDeactivated, actions);
        Assert.Contains(AuditActions.StaffReactivated, actions);
    }

    [Fact]
    public async Task A_removed_staff_member_is_gone_from_the_list_and_cannot_sign_in()
    {
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        var email = await app.CreateStaffAsync(StaffRoles.Moderator);
        var id = await IdOfAsync(app, email);

        var page = await admin.SubmitAsync(await admin.GetAsync("/admin/staff"), new Dictionary<string, string?>(), $"#staff-{id}-remove");

        Assert.Equal($"{email} is removed from the staff.", page.Text(".notice--success"));
        Assert.DoesNotContain(email, page.Text("main table"));
        using var removed = app.Browser();
        Assert.Equal("/admin/login", (await SignInAsync(removed, email)).Url.AbsolutePath);
        Assert.Contains(AuditActions.StaffRemoved, await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Target == $"staff {email}").Select(a => a.Action).ToListAsync()));
    }

    [Fact]
    public async Task Deactivated_moderator_is_signed_out_within_a_minute()
    {
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        var email = await app.CreateStaffAsync(StaffRoles.Moderator);
        using var moderator = app.Browser();
        Assert.Equal("Petitions", (await SignInAsync(moderator, email)).Heading);

        await admin.SubmitAsync(await admin.GetAsync("/admin/staff"), new Dictionary<string, string?>(), $"#staff-{await IdOfAsync(app, email)}-deactivate");
        var since = Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            status = (await moderator.Http.GetAsync("/admin")).StatusCode;
        }
        while (status == HttpStatusCode.OK && since.Elapsed < TimeSpan.FromSeconds(90));

        Assert.Equal(HttpStatusCode.Redirect, status);
        // A minute, and the few seconds between two looks on a loaded machine.
        Assert.True(since.Elapsed < TimeSpan.FromSeconds(70), $"Still signed in {since.Elapsed.TotalSeconds:0} s after being deactivated.");
    }
}
