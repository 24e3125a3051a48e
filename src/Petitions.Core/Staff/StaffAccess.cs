using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Petitions.Core.Audit;
using Petitions.Core.Data;

namespace Petitions.Core.Staff;

// Taking staff access away, or changing it: roles, deactivation, removal. Each change updates the
// account's security stamp, so the person's open sessions end at their next stamp check (within
// Staff:SessionCheckInterval, a minute by default), and each is in the audit log.
//
// The site must always keep one active Admin, or nobody could manage it from the web. Two Admins
// demoting each other at the same moment could each see the other still there and both succeed;
// so every change that can take an Admin away first takes one transaction-scoped advisory lock.
// The changes queue on it, and each counts the Admins left after the one before has committed.
public sealed class StaffAccess(
    UserManager<StaffUser> users,
    PetitionsDbContext db,
    AuditLog audit,
    TimeProvider clock,
    IStringLocalizer<StaffMessages> text)
{
    // Any fixed number, the same in every instance: the key of the advisory lock.
    private const long LastAdminLock = 0x5374616666_41646dL;

    public async Task<StaffResult> ChangeRoleAsync(string? staffId, string? role, Actor actor, CancellationToken cancellationToken)
    {
        if (role is null || !StaffRoles.All.Contains(role))
            return Invalid("Role", text["Staff.Access.RoleMissing"]);
        return await ChangeAsync(staffId, takesAdminAway: role != StaffRoles.Admin, async user =>
        {
            var current = await users.GetRolesAsync(user);
            if (current.SequenceEqual([role]))
                return new StaffResult.Done(text["Staff.Access.RoleUnchanged", user.Email!, RoleName(role)]);
            await Check(users.RemoveFromRolesAsync(user, current));
            await Check(users.AddToRoleAsync(user, role));
            await Check(users.UpdateSecurityStampAsync(user));
            audit.Record(actor, AuditActions.StaffRoleChanged, $"staff {user.Email}", $"role {string.Join(",", current)} -> {role}");
            return new StaffResult.Done(text["Staff.Access.RoleChanged", user.Email!, RoleName(role)]);
        }, cancellationToken);
    }

    public Task<StaffResult> DeactivateAsync(string? staffId, Actor actor, CancellationToken cancellationToken) =>
        ChangeAsync(staffId, takesAdminAway: true, async user =>
        {
            if (user.IsDeactivated)
                return new StaffResult.Done(text["Staff.Access.Deactivated", user.Email!]);
            user.Deactivate(clock.GetUtcNow());
            // UpdateSecurityStampAsync saves the user, the deactivation with it.
            await Check(users.UpdateSecurityStampAsync(user));
            audit.Record(actor, AuditActions.StaffDeactivated, $"staff {user.Email}");
            return new StaffResult.Done(text["Staff.Access.Deactivated", user.Email!]);
        }, cancellationToken);

    public Task<StaffResult> ReactivateAsync(string? staffId, Actor actor, CancellationToken cancellationToken) =>
        ChangeAsync(staffId, takesAdminAway: false, async user =>
        {
            if (!user.IsDeactivated)
                return new StaffResult.Done(text["Staff.Access.Reactivated", user.Email!]);
            user.Reactivate();
            await Check(users.UpdateSecurityStampAsync(user));
            audit.Record(actor, AuditActions.StaffReactivated, $"staff {user.Email}");
            return new StaffResult.Done(text["Staff.Access.Reactivated", user.Email!]);
        }, cancellationToken);

    // The account goes; what it did stays in the audit log under its address.
    public Task<StaffResult> RemoveAsync(string? staffId, Actor actor, CancellationToken cancellationToken) =>
        ChangeAsync(staffId, takesAdminAway: true, async user =>
        {
            var email = user.Email!;
            await Check(users.DeleteAsync(user));
            audit.Record(actor, AuditActions.StaffRemoved, $"staff {email}");
            return new StaffResult.Done(text["Staff.Access.Removed", email]);
        }, cancellationToken);

    // For the command line, which names staff by address.
    public async Task<string?> IdOfAsync(string email) => (await users.FindByEmailAsync(email.Trim()))?.Id;

    private async Task<StaffResult> ChangeAsync(string? staffId, bool takesAdminAway, Func<StaffUser, Task<StaffResult>> change, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (takesAdminAway)
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LastAdminLock})", cancellationToken);
        var user = string.IsNullOrEmpty(staffId) ? null : await users.FindByIdAsync(staffId);
        if (user is null)
            return Invalid("", text["Staff.Access.NotFound"]);
        // Read after the lock, so a change committed by whoever held it is counted.
        if (takesAdminAway && await IsActiveAdminAsync(user.Id, cancellationToken)
            && !await ActiveAdmins().AnyAsync(u => u.Id != user.Id, cancellationToken))
            return Invalid("", text["Staff.Access.LastAdmin", user.Email!]);
        var result = await change(user);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private Task<bool> IsActiveAdminAsync(string id, CancellationToken cancellationToken) =>
        ActiveAdmins().AnyAsync(u => u.Id == id, cancellationToken);

    // Admins who can sign in: joined (a password set) and not deactivated.
    private IQueryable<StaffUser> ActiveAdmins() =>
        from u in db.Users
        where u.PasswordHash != null && u.DeactivatedAt == null
              && (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
                  where ur.UserId == u.Id && r.NormalizedName == "ADMIN" select ur).Any()
        select u;

    private string RoleName(string role) => role == StaffRoles.Admin ? text["Staff.Role.Admin"] : text["Staff.Role.Moderator"];

    private static StaffResult Invalid(string field, string message) => new StaffResult.Invalid([new FieldError(field, message)]);

    private static async Task Check(Task<IdentityResult> operation)
    {
        var result = await operation;
        if (!result.Succeeded)
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
