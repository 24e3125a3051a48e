using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Core.Staff;
using Petitions.Tests.Infrastructure;
using static Petitions.Tests.Staff.StaffSessions;

namespace Petitions.Tests.Staff;

// Wrong passwords lock out the address they come from, not the account: a stranger cannot lock
// the owner out. Guessing spread over many addresses is slowed by a lock on the account, which
// addresses the owner has signed in from before are spared. Addresses come as X-Forwarded-For
// from loopback, which the app trusts as it trusts a proxy.
public sealed class LockoutTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    [Fact]
    public async Task Wrong_passwords_from_one_address_lock_that_address_out_but_not_the_owner_at_another()
    {
        var email = await app.CreateStaffAsync(StaffRoles.Moderator);
        using var stranger = app.Browser().From("203.0.113.10");
        for (var i = 0; i < StaffPasswordCheck.FailuresPerSource; i++)
            await SignInAsync(stranger, email, "a wrong guess " + i);

        var strangerWithThePassword = await SignInAsync(stranger, email);
        using var owner = app.Browser().From("198.51.100.20");
        var ownerSignsIn = await SignInAsync(owner, email);

        Assert.Equal("/admin/login", strangerWithThePassword.Url.AbsolutePath);
        Assert.Equal("Petitions", ownerSignsIn.Heading);
        var audit = await AuditAsync(email);
        Assert.Contains(audit, a => a.Action == AuditActions.LockedOut && a.Ip == "203.0.113.10");
        Assert.Contains(audit, a => a.Action == AuditActions.LoginSucceeded && a.Ip == "198.51.100.20");
    }

    [Fact]
    public async Task Guessing_from_many_addresses_locks_the_account_for_new_addresses_but_not_one_the_owner_used_before()
    {
        var email = await app.CreateStaffAsync(StaffRoles.Moderator);
        using (var usual = app.Browser().From("198.51.100.30"))
            Assert.Equal("Petitions", (await SignInAsync(usual, email)).Heading);

        // Never enough from one address to lock it, but enough in all to lock the account.
        var perAddress = StaffPasswordCheck.FailuresPerSource - 1;
        var addresses = (StaffPasswordCheck.FailuresPerAccount + perAddress - 1) / perAddress;
        for (var a = 0; a < addresses; a++)
        {
            using var guesser = app.Browser().From($"203.0.113.{100 + a}");
            for (var i = 0; i < perAddress; i++)
                await SignInAsync(guesser, email, $"guess {a}-{i}");
        }

        using var newcomer = app.Browser().From("192.0.2.77");
        var fromANewAddress = await SignInAsync(newcomer, email);
        using var owner = app.Browser().From("198.51.100.30");
        var fromTheUsualAddress = await SignInAsync(owner, email);

        Assert.Equal("/admin/login", fromANewAddress.Url.AbsolutePath);
        Assert.Equal("Petitions", fromTheUsualAddress.Heading);
        Assert.Contains(await AuditAsync(email), a => a.Action == AuditActions.LockedOut && a.Ip == "192.0.2.77");
    }

    private async Task<IReadOnlyList<(string Action, string? Ip)>> AuditAsync(string email)
    {
        var rows = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.ActorEmail == email).Select(a => new { a.Action, a.IpAddress }).ToListAsync());
        return rows.Select(r => (r.Action, r.IpAddress?.ToString())).ToArray();
    }
}
