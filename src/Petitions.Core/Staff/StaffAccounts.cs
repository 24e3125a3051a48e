using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Audit;
using Petitions.Core.Data;
using Petitions.Core.Email;
using Petitions.Core.Signing;

namespace Petitions.Core.Staff;

public sealed record StaffMember(string Id, string Email, IReadOnlyList<string> Roles, bool TwoFactorEnabled, bool Invited, DateTimeOffset? LockedUntil);

public sealed record AuthenticatorSetup(string SharedKey, string Uri, bool Enabled);

public abstract record StaffResult
{
    public sealed record Done(string Message) : StaffResult;
    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : StaffResult;
}

// Staff accounts: invitations, the first Admin from the command line, and two-factor settings.
public sealed class StaffAccounts(
    UserManager<StaffUser> users,
    PetitionsDbContext db,
    Outbox outbox,
    IPublicLinks links,
    AuditLog audit,
    TimeProvider clock)
{
    public const string DevelopmentAdminEmail = "admin@petitions.localhost";

    public async Task<IReadOnlyList<StaffMember>> ListAsync(CancellationToken cancellationToken)
    {
        var rows = await (
            from u in db.Users
            orderby u.Email
            select new
            {
                u.Id, u.Email, u.TwoFactorEnabled, u.LockoutEnd, Invited = u.PasswordHash == null,
                Roles = (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id select r.Name!).ToList(),
            }).AsNoTracking().ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return rows.Select(r => new StaffMember(r.Id, r.Email ?? "", r.Roles, r.TwoFactorEnabled, r.Invited,
            r.LockoutEnd > now ? r.LockoutEnd : null)).ToArray();
    }

    public async Task<StaffResult> InviteAsync(string? email, string? role, Actor actor, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (!EmailAddresses.IsValid(email))
            errors.Add(new FieldError("Email", "Enter the email address of the person to invite, like name@example.org."));
        if (role is null || !StaffRoles.All.Contains(role))
            errors.Add(new FieldError("Role", "Choose a role."));
        if (errors.Count > 0)
            return new StaffResult.Invalid(errors);
        email = email!.Trim();
        if (await users.FindByEmailAsync(email) is not null)
            return new StaffResult.Invalid([new FieldError("Email", "This person already has a staff account.")]);

        // The account, its role, the invitation email and the audit entry commit together.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = clock.GetUtcNow(), InvitedAt = clock.GetUtcNow() };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
            return new StaffResult.Invalid(created.Errors.Select(e => new FieldError("Email", e.Description)).ToArray());
        await users.AddToRoleAsync(user, role!);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = links.AcceptStaffInvitation(email, token);
        // No display name: the address itself, up to 254 characters, is longer than a name may be.
        outbox.Add(InvitationEmail(link, role!, actor.Email), email, "");
        audit.Record(actor, AuditActions.StaffInvited, $"staff {email}", $"role {role}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outbox.WakeSender();
        return new StaffResult.Done($"An invitation is on its way to {email}.");
    }

    public async Task<StaffResult> AcceptInvitationAsync(string? email, string? token, string? password, string? confirm)
    {
        var user = email is null ? null : await users.FindByEmailAsync(email);
        if (user is null || token is null || user.PasswordHash is not null)
            return new StaffResult.Invalid([new FieldError("", "This invitation link is not valid. It may have been used already; ask an Admin for a new one.")]);
        if (string.IsNullOrEmpty(password) || password.Length < 12)
            return new StaffResult.Invalid([new FieldError("Password", "Choose a password of at least 12 characters.")]);
        if (password != confirm)
            return new StaffResult.Invalid([new FieldError("Confirm", "The two passwords are not the same.")]);
        var result = await users.ResetPasswordAsync(user, token, password);
        if (!result.Succeeded)
        {
            var expired = result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken));
            return new StaffResult.Invalid([expired
                ? new FieldError("", "This invitation link has expired or was already used. Ask an Admin for a new one.")
                : new FieldError("Password", string.Join(" ", result.Errors.Select(e => e.Description)))]);
        }
        await audit.WriteAsync(new Actor(user.Id, user.Email!, null), AuditActions.StaffJoined, $"staff {user.Email}");
        return new StaffResult.Done("Your password is set. Sign in to continue.");
    }

    // For `create-admin`: makes the account an Admin with this password, creating it if needed.
    public async Task<StaffResult> CreateOrResetAdminAsync(string email, string password)
    {
        if (!EmailAddresses.IsValid(email))
            return new StaffResult.Invalid([new FieldError("Email", "That is not a valid email address.")]);
        if (password.Length < 12)
            return new StaffResult.Invalid([new FieldError("Password", "The password must be at least 12 characters.")]);
        var user = await users.FindByEmailAsync(email);
        IdentityResult result;
        string message;
        if (user is null)
        {
            user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = clock.GetUtcNow() };
            result = await users.CreateAsync(user, password);
            message = $"Created the Admin {email}.";
        }
        else
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            result = await users.ResetPasswordAsync(user, token, password);
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            message = $"Reset the password of {email}; the account is an Admin.";
        }
        if (!result.Succeeded)
            return new StaffResult.Invalid(result.Errors.Select(e => new FieldError("Password", e.Description)).ToArray());
        if (!await users.IsInRoleAsync(user, StaffRoles.Admin))
            await users.AddToRoleAsync(user, StaffRoles.Admin);
        await audit.WriteAsync(Actor.System, AuditActions.StaffJoined, $"staff {email}", "create-admin");
        return new StaffResult.Done(message);
    }

    // In zero-configuration development only: an Admin to sign in with at once. Returns the
    // password when the account is new (it is shown once and never stored in the clear).
    public async Task<string?> EnsureDevelopmentAdminAsync()
    {
        if (await users.FindByEmailAsync(DevelopmentAdminEmail) is not null)
            return null;
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y');
        var created = await CreateOrResetAdminAsync(DevelopmentAdminEmail, password);
        return created is StaffResult.Done ? password : null;
    }

    public async Task<AuthenticatorSetup> AuthenticatorAsync(StaffUser user, string issuer)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        var uri = $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(user.Email!)}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits=6";
        return new AuthenticatorSetup(FormatKey(key!), uri, user.TwoFactorEnabled);
    }

    public async Task<StaffResult> EnableTwoFactorAsync(StaffUser user, string? code, Actor actor)
    {
        var cleaned = (code ?? "").Replace(" ", "").Replace("-", "");
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, cleaned))
            return new StaffResult.Invalid([new FieldError("Code", "That code did not work. Check the time on your phone and enter the code shown now.")]);
        await users.SetTwoFactorEnabledAsync(user, true);
        await audit.WriteAsync(actor, AuditActions.TwoFactorEnabled, $"staff {user.Email}");
        return new StaffResult.Done("Two-factor sign-in is on. You will need a code from your app each time you sign in.");
    }

    public async Task<StaffResult> DisableTwoFactorAsync(StaffUser user, Actor actor, CancellationToken cancellationToken)
    {
        if (await RequiresTwoFactorAsync(cancellationToken))
            return new StaffResult.Invalid([new FieldError("", "Two-factor sign-in is required for all staff, so it cannot be turned off.")]);
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await audit.WriteAsync(actor, AuditActions.TwoFactorDisabled, $"staff {user.Email}");
        return new StaffResult.Done("Two-factor sign-in is off.");
    }

    public async Task<bool> RequiresTwoFactorAsync(CancellationToken cancellationToken) =>
        (await db.StaffPolicy.AsNoTracking().SingleAsync(cancellationToken)).RequireTwoFactor;

    public async Task<StaffResult> SetRequireTwoFactorAsync(bool required, Actor actor, CancellationToken cancellationToken)
    {
        var policy = await db.StaffPolicy.SingleAsync(cancellationToken);
        policy.RequireTwoFactorForAll(required);
        audit.Record(actor, AuditActions.TwoFactorRequired, "staff policy", required ? "required" : "optional");
        await db.SaveChangesAsync(cancellationToken);
        return new StaffResult.Done(required
            ? "Two-factor sign-in is now required. Staff without it are asked to set it up when they next open a page."
            : "Two-factor sign-in is now optional.");
    }

    private static string FormatKey(string key)
    {
        var result = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
            result.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        return result.ToString().TrimEnd().ToLowerInvariant();
    }

    private static EmailContent InvitationEmail(string link, string role, string invitedBy)
    {
        var text = $"""
            You have been invited by {invitedBy} to join the staff of this petitions site as a {role}.

            Choose your password here (the link works for 3 days):

            {link}
            """;
        var html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body style=\"font-family:sans-serif\">" +
            $"<p>You have been invited by {WebUtility.HtmlEncode(invitedBy)} to join the staff of this petitions site as a {role}.</p>" +
            $"<p><a href=\"{WebUtility.HtmlEncode(link)}\">Choose your password</a> (the link works for 3 days).</p></body></html>";
        return new EmailContent("You are invited to join the petitions staff", text, html);
    }
}
