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
// the page says the same thing, after the same work (StaffPasswordCheck), whether the account is
// missing, the password wrong, the account locked or deactivated, so it never reveals which
// addresses have accounts.
public sealed class StaffSignIn(StaffPasswordCheck passwords, StaffSignInManager signIn, StaffAccounts accounts, AuditLog audit, IHttpContextAccessor http)
{
    public async Task<SignInOutcome> PasswordAsync(string email, string password)
    {
        var address = http.HttpContext?.Connection.RemoteIpAddress;
        var cancellationToken = http.HttpContext?.RequestAborted ?? CancellationToken.None;
        if (await passwords.CheckAsync(email.Trim(), password, address, cancellationToken) is not PasswordCheck.Passed passed)
            return SignInOutcome.Refused;
        var result = await signIn.SignInAfterPasswordAsync(passed.User);
        if (result.RequiresTwoFactor)
            return SignInOutcome.NeedsTwoFactor;
        if (!result.Succeeded)
            return SignInOutcome.Refused;
        await audit.WriteAsync(new Actor(passed.User.Id, passed.User.Email ?? email.Trim(), address), AuditActions.LoginSucceeded);
        return SignInOutcome.SignedIn;
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

    // Ends this session now, and every other session of the account at its next stamp check.
    public async Task SignOutAsync()
    {
        var context = http.HttpContext!;
        if (signIn.UserManager.GetUserId(context.User) is { } userId)
            await accounts.SignedOutAsync(userId, context.Actor());
        await signIn.SignOutAsync();
    }
}
