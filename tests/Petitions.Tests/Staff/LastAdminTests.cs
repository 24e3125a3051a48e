using System.Net;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Core.Staff;
using Petitions.Tests.Infrastructure;
using static Petitions.Tests.Staff.StaffSessions;

namespace Petitions.Tests.Staff;

// The site always keeps an active Admin. Each test first deactivates every account but the ones
// it names, so that the Admins it makes are the only ones there are.
public sealed class LastAdminTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    [Fact]
    public async Task The_last_active_admin_cannot_be_made_a_moderator_deactivated_or_removed_and_the_page_says_why()
    {
        var email = await app.CreateStaffAsync(StaffRoles.Admin);
        var id = await IdOfAsync(app, email);
        await OnlyTheseAreActiveAsync(email);
        using var admin = app.Browser();
        await SignInAsync(admin, email);
        var message = $"{email} is the last active Admin, so they cannot be removed, deactivated or made a Moderator. Make someone else an Admin first.";

        var demoted = await admin.SubmitAsync(await admin.GetAsync("/admin/staff"), new Dictionary<string, string?> { ["NewRole"] = StaffRoles.Moderator }, $"#staff-{id}-role");
        var deactivated = await admin.SubmitAsync(await admin.GetAsync("/admin/staff"), new Dictionary<string, string?>(), $"#staff-{id}-deactivate");
        var removed = await admin.SubmitAsync(await admin.GetAsync("/admin/staff"), new Dictionary<string, string?>(), $"#staff-{id}-remove");

        foreach (var page in new[] { demoted, deactivated, removed })
        {
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Equal(message, page.Text(".error-summary li"));
        }
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("/admin/staff")).StatusCode);
        Assert.Equal(1, await ActiveAdminsAsync());
    }

    [Fact]
    public async Task Two_admins_demoting_each_other_at_once_leave_one_admin()
    {
        for (var round = 0; round < 5; round++)
        {
            var first = await app.CreateStaffAsync(StaffRoles.Admin);
            var second = await app.CreateStaffAsync(StaffRoles.Admin);
            await OnlyTheseAreActiveAsync(first, second);
            var (firstId, secondId) = (await IdOfAsync(app, first), await IdOfAsync(app, second));

            // Each in its own scope, as two requests to two app instances would be.
            var results = await Task.WhenAll(
                app.WithServiceAsync<StaffAccess, StaffResult>(s => s.ChangeRoleAsync(secondId, StaffRoles.Moderator, new Actor(firstId, first, null), CancellationToken.None)),
                round % 2 == 0
                    ? app.WithServiceAsync<StaffAccess, StaffResult>(s => s.ChangeRoleAsync(firstId, StaffRoles.Moderator, new Actor(secondId, second, null), CancellationToken.None))
                    : app.WithServiceAsync<StaffAccess, StaffResult>(s => s.DeactivateAsync(firstId, new Actor(secondId, second, null), CancellationToken.None)));

            Assert.Single(results, r => r is StaffResult.Done);
            Assert.Single(results, r => r is StaffResult.Invalid);
            Assert.Equal(1, await ActiveAdminsAsync());
        }
    }

    [Fact]
    public async Task With_a_second_admin_an_admin_may_be_made_a_moderator()
    {
        var first = await app.CreateStaffAsync(StaffRoles.Admin);
        var second = await app.CreateStaffAsync(StaffRoles.Admin);
        await OnlyTheseAreActiveAsync(first, second);
        var secondId = await IdOfAsync(app, second);

        var result = await app.WithServiceAsync<StaffAccess, StaffResult>(s =>
            s.ChangeRoleAsync(secondId, StaffRoles.Moderator, Actor.System, CancellationToken.None));

        Assert.IsType<StaffResult.Done>(result);
        Assert.Equal(1, await ActiveAdminsAsync());
    }

    private Task OnlyTheseAreActiveAsync(params string[] emails) => app.WithDbAsync(db =>
        db.Users.Where(u => !emails.Contains(u.Email!) && u.DeactivatedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.DeactivatedAt, DateTimeOffset.UtcNow)));

    private Task<int> ActiveAdminsAsync() => app.WithDbAsync(db => (
        from u in db.Users
        join ur in db.UserRoles on u.Id equals ur.UserId
        where ur.RoleId == "admin" && u.DeactivatedAt == null
        select u).CountAsync());
}
