using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Core.Data;

namespace Petitions.Core.Staff;

public abstract record PasswordCheck
{
    public sealed record Passed(StaffUser User) : PasswordCheck;
    // Why is for the audit log only: the page says the same thing whatever it was.
    public sealed record Refused : PasswordCheck;
}

// The password step of a staff sign-in: lockouts, deactivation and the password itself. The web
// layer turns a pass into a session (or the two-factor step).
//
// Every refusal costs the same work: the password is hashed with the same algorithm and
// iterations whether the address has an account or not, whether the account is locked or
// deactivated, so the time the answer takes says nothing of who is staff.
public sealed class StaffPasswordCheck(
    UserManager<StaffUser> users,
    IPasswordHasher<StaffUser> hasher,
    PetitionsDbContext db,
    AuditLog audit,
    TimeProvider clock)
{
    public const int FailuresPerSource = 5;
    public static readonly TimeSpan SourceLock = TimeSpan.FromMinutes(15);
    public const int FailuresPerAccount = 20;
    public static readonly TimeSpan FirstAccountLock = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan LongestAccountLock = TimeSpan.FromHours(1);

    // Made once per process from a random password no one knows, with the hasher's own settings.
    private static string? _dummyHash;

    public async Task<PasswordCheck> CheckAsync(string email, string password, IPAddress? address, CancellationToken cancellationToken)
    {
        var actor = new Actor(null, email, address);
        var user = await users.FindByEmailAsync(email);
        var hash = user?.PasswordHash ?? (_dummyHash ??= hasher.HashPassword(new StaffUser(), Guid.NewGuid().ToString("N")));
        var verified = hasher.VerifyHashedPassword(user ?? new StaffUser(), hash, password) != PasswordVerificationResult.Failed;

        if (user?.PasswordHash is null)
        {
            await audit.WriteAsync(actor, AuditActions.LoginFailed, cancellationToken: cancellationToken);
            return new PasswordCheck.Refused();
        }
        actor = actor with { Id = user.Id };
        var now = clock.GetUtcNow();
        var source = SourceOf(address);
        var throttles = await db.SignInThrottles.AsNoTracking()
            .Where(t => t.UserId == user.Id && (t.Source == source || t.Source == SignInThrottle.AllSources))
            .ToListAsync(cancellationToken);
        var fromHere = throttles.SingleOrDefault(t => t.Source == source);
        var everywhere = throttles.SingleOrDefault(t => t.Source == SignInThrottle.AllSources);
        var locked = fromHere?.IsLocked(now) == true
            || (everywhere?.IsLocked(now) == true && fromHere?.SucceededAt is null)
            // Wrong two-factor codes lock the account through Identity's own lockout.
            || await users.IsLockedOutAsync(user);
        if (locked)
        {
            await audit.WriteAsync(actor, AuditActions.LockedOut, cancellationToken: cancellationToken);
            return new PasswordCheck.Refused();
        }
        if (user.IsDeactivated)
        {
            await audit.WriteAsync(actor, AuditActions.LoginFailed, details: "deactivated", cancellationToken: cancellationToken);
            return new PasswordCheck.Refused();
        }
        if (!verified)
        {
            var lockedNow = await RecordFailureAsync(user.Id, source, now, cancellationToken);
            await audit.WriteAsync(actor, lockedNow ? AuditActions.LockedOut : AuditActions.LoginFailed, cancellationToken: cancellationToken);
            return new PasswordCheck.Refused();
        }
        await RecordSuccessAsync(user.Id, source, now, cancellationToken);
        return new PasswordCheck.Passed(user);
    }

    // The per-source count and the account's, under row locks so that guesses arriving together
    // are all counted. Returns whether this failure locked this source out.
    private async Task<bool> RecordFailureAsync(string userId, string source, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (fromHere, everywhere) = await LockRowsAsync(userId, source, cancellationToken);
        var lockedHere = fromHere.Failed(now, FailuresPerSource, SourceLock);
        // Each time the account-wide lock engages it lasts twice as long as the time before.
        var accountLock = TimeSpan.FromTicks(Math.Min(LongestAccountLock.Ticks, FirstAccountLock.Ticks << Math.Min(everywhere.Lockouts, 20)));
        var lockedEverywhere = everywhere.Failed(now, FailuresPerAccount, accountLock);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return lockedHere || (lockedEverywhere && fromHere.SucceededAt is null);
    }

    private async Task RecordSuccessAsync(string userId, string source, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (fromHere, everywhere) = await LockRowsAsync(userId, source, cancellationToken);
        fromHere.Succeeded(now);
        // A success clears the account-wide count too, but not the lock: it may be someone else's
        // trusted address that got in while strangers are still guessing.
        if (!everywhere.IsLocked(now))
            everywhere.Succeeded(now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<(SignInThrottle FromHere, SignInThrottle Everywhere)> LockRowsAsync(string userId, string source, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO staff_sign_in_throttles (user_id, source, failures, lockouts)
            VALUES ({userId}, {source}, 0, 0), ({userId}, {SignInThrottle.AllSources}, 0, 0)
            ON CONFLICT DO NOTHING
            """, cancellationToken);
        var rows = await db.SignInThrottles
            .FromSql($"SELECT * FROM staff_sign_in_throttles WHERE user_id = {userId} AND source IN ({source}, {SignInThrottle.AllSources}) ORDER BY source FOR UPDATE")
            .ToListAsync(cancellationToken);
        return (rows.Single(r => r.Source == source), rows.Single(r => r.Source == SignInThrottle.AllSources));
    }

    // An IPv6 host usually has a whole /64 to itself, and can take a new address from it at will:
    // the network is the source. IPv4 addresses count one by one.
    public static string SourceOf(IPAddress? address)
    {
        if (address is null)
            return "unknown";
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }
        return address.ToString();
    }
}
