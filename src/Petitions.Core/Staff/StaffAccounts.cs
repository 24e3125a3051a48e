using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Petitions.Core.Audit;
using Petitions.Core.Data;
using Petitions.Core.Email;
using Petitions.Core.Languages;
using Petitions.Core.Text;

namespace Petitions.Core.Staff;

public sealed record StaffMember(string Id, string Email, IReadOnlyList<string> Roles, bool TwoFactorEnabled, bool Invited, DateTimeOffset? LockedUntil, bool Deactivated);

public sealed record AuthenticatorSetup(string SharedKey, string Uri, bool Enabled);

public abstract record StaffResult
{
    public sealed record Done(string Message) : StaffResult;
    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : StaffResult;
}

// Staff accounts: invitations, the first Admin from the command line, two-factor settings and
// signing out. Taking access away is StaffAccess.
// What it says to staff is in the language of the request (StaffMessages.*.resx); what it says to
// the command line stays in English, like the rest of the command line's output.
public sealed class StaffAccounts(
    UserManager<StaffUser> users,
    IUserStore<StaffUser> store,
    PetitionsDbContext db,
    Outbox outbox,
    IPublicLinks links,
    AuditLog audit,
    TimeProvider clock,
    IStringLocalizer<StaffMessages> text)
{
    public const string DevelopmentAdminEmail = "admin@petitions.localhost";

    public async Task<IReadOnlyList<StaffMember>> ListAsync(CancellationToken cancellationToken)
    {
        var rows = await (
            from u in db.Users
            orderby u.Email
            select new
            {
                u.Id, u.Email, u.TwoFactorEnabled, u.LockoutEnd, Invited = u.PasswordHash == null, u.DeactivatedAt,
                Roles = (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id select r.Name!).ToList(),
            }).AsNoTracking().ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return rows.Select(r => new StaffMember(r.Id, r.Email ?? "", r.Roles, r.TwoFactorEnabled, r.Invited,
            r.LockoutEnd > now ? r.LockoutEnd : null, r.DeactivatedAt is not null)).ToArray();
    }

    public async Task<StaffResult> InviteAsync(string? email, string? role, Actor actor, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (!EmailAddresses.IsValid(email))
            errors.Add(new FieldError("Email", text["Staff.Invite.EmailInvalid"]));
        if (role is null || !StaffRoles.All.Contains(role))
            errors.Add(new FieldError("Role", text["Staff.Invite.RoleMissing"]));
        if (errors.Count > 0)
            return new StaffResult.Invalid(errors);
        email = email!.Trim();
        if (await users.FindByEmailAsync(email) is not null)
            return new StaffResult.Invalid([new FieldError("Email", text["Staff.Invite.AlreadyStaff"])]);

        // The account, its role, the invitation email and the audit entry commit together.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = clock.GetUtcNow(), InvitedAt = clock.GetUtcNow() };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            // Identity describes its refusals in English only; an address that already has an
            // account was caught above, so what is left is an address Identity will not take.
            return new StaffResult.Invalid([new FieldError("Email", created.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName))
                ? text["Staff.Invite.AlreadyStaff"]
                : text["Staff.Invite.AddressRefused"])]);
        }
        await users.AddToRoleAsync(user, role!);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = links.AcceptStaffInvitation(email, token);
        // No display name: the address itself, up to 254 characters, is longer than a name may be.
        outbox.Add(InvitationEmail(link, role!, actor.Email), email, "");
        audit.Record(actor, AuditActions.StaffInvited, $"staff {email}", $"role {role}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outbox.WakeSender();
        return new StaffResult.Done(text["Staff.Invite.Sent", email]);
    }

    // An address without an account, an account that has joined already, and a pending invitation
    // with a wrong or expired token all get the same answer, after the same checks of the
    // passwords typed: the page must not tell which addresses have been invited.
    public async Task<StaffResult> AcceptInvitationAsync(string? email, string? token, string? password, string? confirm)
    {
        if (string.IsNullOrEmpty(password) || password.Length < 12)
            return new StaffResult.Invalid([new FieldError("Password", text["Staff.Invitation.PasswordTooShort"])]);
        if (password != confirm)
            return new StaffResult.Invalid([new FieldError("Confirm", text["Staff.Invitation.PasswordsDiffer"])]);
        var notValid = new StaffResult.Invalid([new FieldError("", text["Staff.Invitation.NotValid"])]);
        var user = string.IsNullOrEmpty(email) ? null : await users.FindByEmailAsync(email);
        if (user is null || string.IsNullOrEmpty(token) || user.PasswordHash is not null || user.IsDeactivated)
            return notValid;
        var result = await users.ResetPasswordAsync(user, token, password);
        if (!result.Succeeded)
        {
            // Identity's own descriptions are in English only; the length it checks was checked above.
            return result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))
                ? notValid
                : new StaffResult.Invalid([new FieldError("Password", text["Staff.Invitation.PasswordRefused"])]);
        }
        await audit.WriteAsync(new Actor(user.Id, user.Email!, null), AuditActions.StaffJoined, $"staff {user.Email}");
        return new StaffResult.Done(text["Staff.Invitation.Joined"]);
    }

    // For `create-admin`: creates an Admin with this password, or resets the password of an
    // existing Admin (clearing any lockout). It makes another role an Admin only when asked to
    // (promote), so that a mistyped address cannot quietly hand a Moderator everything.
    // Its messages are for the command line and stay in English.
    public async Task<StaffResult> CreateOrResetAdminAsync(string email, string password, bool promote = false)
    {
        if (!EmailAddresses.IsValid(email))
            return new StaffResult.Invalid([new FieldError("Email", "That is not a valid email address.")]);
        if (password.Length < 12)
            return new StaffResult.Invalid([new FieldError("Password", "The password must be at least 12 characters.")]);
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = clock.GetUtcNow() };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
                return new StaffResult.Invalid(created.Errors.Select(e => new FieldError("Password", e.Description)).ToArray());
            await users.AddToRoleAsync(user, StaffRoles.Admin);
            await audit.WriteAsync(Actor.System, AuditActions.StaffJoined, $"staff {email}", "create-admin");
            return new StaffResult.Done($"Created the Admin {email}.");
        }

        var isAdmin = await users.IsInRoleAsync(user, StaffRoles.Admin);
        if (!isAdmin && !promote)
            return new StaffResult.Invalid([new FieldError("Email",
                $"{email} is a {string.Join(", ", await users.GetRolesAsync(user))}, not an Admin; add --promote to make them an Admin.")]);
        if (user.IsDeactivated)
            return new StaffResult.Invalid([new FieldError("Email", $"{email} is deactivated; run `staff reactivate --email {email}` first.")]);
        // Resetting the password changes the security stamp: every session the account had ends
        // at its next stamp check.
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, password);
        if (!result.Succeeded)
            return new StaffResult.Invalid(result.Errors.Select(e => new FieldError("Password", e.Description)).ToArray());
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await db.SignInThrottles.Where(t => t.UserId == user.Id).ExecuteDeleteAsync();
        if (!isAdmin)
        {
            await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user));
            await users.AddToRoleAsync(user, StaffRoles.Admin);
            audit.Record(Actor.System, AuditActions.StaffRoleChanged, $"staff {email}", "create-admin --promote");
        }
        await audit.WriteAsync(Actor.System, AuditActions.StaffPasswordReset, $"staff {email}", "create-admin");
        return new StaffResult.Done(isAdmin
            ? $"Reset the password of {email}; the account is an Admin."
            : $"Reset the password of {email} and made the account an Admin.");
    }

    // Signing out ends every session of the account, not only this one: a session cookie copied
    // before sign-out stops working at its next security-stamp check.
    public async Task SignedOutAsync(string userId, Actor actor)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
            return;
        await users.UpdateSecurityStampAsync(user);
        await audit.WriteAsync(actor, AuditActions.SignedOut, $"staff {user.Email}");
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
            // The first key, made to be scanned, changes nothing yet: it counts once a code from it
            // turns two-factor on, which changes the security stamp. Identity's reset would change the
            // stamp now, and end this very session at its next check, while its owner is scanning.
            await ((IUserAuthenticatorKeyStore<StaffUser>)store).SetAuthenticatorKeyAsync(user, users.GenerateNewAuthenticatorKey(), CancellationToken.None);
            bool saved;
            try
            {
                saved = (await users.UpdateAsync(user)).Succeeded;
            }
            catch (DbUpdateException)
            {
                saved = false;
            }
            if (!saved)
            {
                // Another tab saved its first key in between: show that one, the key that stands.
                db.ChangeTracker.Clear();
                user = (await users.FindByIdAsync(user.Id))!;
            }
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        var uri = $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(user.Email!)}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits=6";
        return new AuthenticatorSetup(FormatKey(key!), uri, user.TwoFactorEnabled);
    }

    public async Task<StaffResult> EnableTwoFactorAsync(StaffUser user, string? code, Actor actor)
    {
        var cleaned = (code ?? "").Replace(" ", "").Replace("-", "");
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, cleaned))
            return new StaffResult.Invalid([new FieldError("Code", text["Staff.TwoFactor.CodeWrong"])]);
        await users.SetTwoFactorEnabledAsync(user, true);
        await audit.WriteAsync(actor, AuditActions.TwoFactorEnabled, $"staff {user.Email}");
        return new StaffResult.Done(text["Staff.TwoFactor.On"]);
    }

    public async Task<StaffResult> DisableTwoFactorAsync(StaffUser user, Actor actor, CancellationToken cancellationToken)
    {
        if (await RequiresTwoFactorAsync(cancellationToken))
            return new StaffResult.Invalid([new FieldError("", text["Staff.TwoFactor.CannotTurnOff"])]);
        // Already off, say from another tab: nothing to change, and nothing to record.
        if (!await users.GetTwoFactorEnabledAsync(user))
            return new StaffResult.Done(text["Staff.TwoFactor.Off"]);
        var changed = await users.SetTwoFactorEnabledAsync(user, false);
        if (changed.Succeeded)
            changed = await users.ResetAuthenticatorKeyAsync(user);
        if (!changed.Succeeded)
        {
            // Identity's concurrency stamp: another tab changed this account between our read and
            // our write. Its change stands; ours is dropped rather than saved by the audit write.
            // Then it is tried again on the account as it now is, which ends as soon as it is off.
            await db.Entry(user).ReloadAsync(cancellationToken);
            return await DisableTwoFactorAsync(user, actor, cancellationToken);
        }
        await audit.WriteAsync(actor, AuditActions.TwoFactorDisabled, $"staff {user.Email}");
        return new StaffResult.Done(text["Staff.TwoFactor.Off"]);
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
            ? text["Staff.Policy.Required"]
            : text["Staff.Policy.Optional"]);
    }

    private static string FormatKey(string key)
    {
        var result = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
            result.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        return result.ToString().TrimEnd().ToLowerInvariant();
    }

    // Written in the language of the Admin who sends it, the language of the request: nothing is
    // known yet of the invitee's, and a team mostly shares the language its Admins work in. The
    // invitee's browser then chooses the language of the page the link opens, as everywhere else.
    private EmailContent InvitationEmail(string link, string role, string invitedBy)
    {
        var invited = role == StaffRoles.Admin ? "Staff.InvitationEmail.Invited.Admin" : "Staff.InvitationEmail.Invited.Moderator";
        var body = $"""
            {text[invited, invitedBy]}

            {text["Staff.InvitationEmail.Instruction"]}

            {link}
            """;
        var subject = text["Staff.InvitationEmail.Subject"].Value;
        var language = SiteLanguages.Current;
        var html = $"<!DOCTYPE html><html lang=\"{language.Tag}\" dir=\"{(language.RightToLeft ? "rtl" : "ltr")}\"><head><meta charset=\"utf-8\"><title>{Enc(subject)}</title></head><body style=\"font-family:sans-serif\">" +
            $"<p>{Enc(text[invited, invitedBy])}</p>" +
            $"<p><a href=\"{Enc(link)}\">{Enc(text["Staff.InvitationEmail.LinkText"])}</a></p>" +
            $"<p>{Enc(text["Staff.InvitationEmail.Expiry"])}</p></body></html>";
        return new EmailContent(subject, body, html);
    }

    private static string Enc(string value) => WebUtility.HtmlEncode(value);
}
