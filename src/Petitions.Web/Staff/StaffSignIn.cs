using Microsoft.AspNetCore.Identity;
using Petitions.Core.Audit;
using Petitions.Core.Staff;

namespace Petitions.Web.Staff;

public enum SignInOutcome
{
    SignedIn,
    NeedsTwoFactor,
    Refused,
}

// Signing staff in, with every attempt audited. Failures are told apart only in the audit log:
// the page says the same thing whether the account is missing, the password wrong, or the
// account locked, so it never reveals which addresses have accounts.
public sealed class StaffSignIn(SignInManager<StaffUser> signIn, UserManager<StaffUser> users, AuditLog audit, IHttpContextAccessor http)
{
    public async Task<SignInOutcome> PasswordAsync(string email, string password)
    {
        var result = await signIn.PasswordSignInAsync(email.Trim(), password, isPersistent: false, lockoutOnFailure: true);
        var actor = new Actor(null, email.Trim(), http.HttpContext?.Connection.RemoteIpAddress);
        if (result.Succeeded)
        {
            var user = await users.FindByNameAsync(email.Trim());
            await audit.WriteAsync(actor with { Id = user?.Id }, AuditActions.LoginSucceeded);
            return SignInOutcome.SignedIn;
        }
        if (result.RequiresTwoFactor)
            return SignInOutcome.NeedsTwoFactor;
        await audit.WriteAsync(actor, result.IsLockedOut ? AuditActions.LockedOut : AuditActions.LoginFailed);
        return SignInOutcome.Refused;
    }

    public async Task<SignInOutcome> AuthenticatorCodeAsync(string code)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
            return SignInOutcome.Refused;
        var cleaned = code.Replace(" ", "").Replace("-", "");
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(cleaned, isPersistent: false, rememberClient: false);
        var actor = new Actor(user.Id, user.Email ?? "", http.HttpContext?.Connection.RemoteIpAddress);
        await audit.WriteAsync(actor, result.Succeeded ? AuditActions.LoginSucceeded : result.IsLockedOut ? AuditActions.LockedOut : AuditActions.LoginFailed,
            details: "authenticator code");
        return result.Succeeded ? SignInOutcome.SignedIn : SignInOutcome.Refused;
    }

    public Task SignOutAsync() => signIn.SignOutAsync();
}
