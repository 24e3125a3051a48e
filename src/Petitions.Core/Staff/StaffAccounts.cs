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
// What it says to staff is in the language of the request (StaffMessages.*.resx); what it says to
// the command line stays in English, like the rest of the command line's output.
public sealed class StaffAccounts(
    UserManager<StaffUser> users,
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

    public async Task<StaffResult> AcceptInvitationAsync(string? email, string? token, string? password, string? confirm)
    {
        var user = email is null ? null : await users.FindByEmailAsync(email);
        if (user is null || token is null || user.PasswordHash is not null)
            return new StaffResult.Invalid([new FieldError("", text["Staff.Invitation.NotValid"])]);
        if (string.IsNullOrEmpty(password) || password.Length < 12)
            return new StaffResult.Invalid([new FieldError("Password", text["Staff.Invitation.PasswordTooShort"])]);
        if (password != confirm)
            return new StaffResult.Invalid([new FieldError("Confirm", text["Staff.Invitation.PasswordsDiffer"])]);
        var result = await users.ResetPasswordAsync(user, token, password);
        if (!result.Succeeded)
        {
            var expired = result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken));
            return new StaffResult.Invalid([expired
                ? new FieldError("", text["Staff.Invitation.Expired"])
                // Identity's own descriptions are in English only; the length it checks was checked above.
                : new FieldError("Password", text["Staff.Invitation.PasswordRefused"])]);
        }
        await audit.WriteAsync(new Actor(user.Id, user.Email!, null), AuditActions.StaffJoined, $"staff {user.Email}");
        return new StaffResult.Done(text["Staff.Invitation.Joined"]);
    }

    // For `create-admin`: makes the account an Admin with this password, creating it if needed.
    // Its messages are for the command line and stay in English.
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
        var language = SiteLanguages.Current;
        var html = $"<!DOCTYPE html><html lang=\"{language.Tag}\" dir=\"{(language.RightToLeft ? "rtl" : "ltr")}\"><head><meta charset=\"utf-8\"></head><body style=\"font-family:sans-serif\">" +
            $"<p>{Enc(text[invited, invitedBy])}</p>" +
            $"<p><a href=\"{Enc(link)}\">{Enc(text["Staff.InvitationEmail.LinkText"])}</a></p>" +
            $"<p>{Enc(text["Staff.InvitationEmail.Expiry"])}</p></body></html>";
        return new EmailContent(text["Staff.InvitationEmail.Subject"], body, html);
    }

    private static string Enc(string value) => WebUtility.HtmlEncode(value);
}
