using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Petitions.Core.Staff;

namespace Petitions.Web.Staff;

// Identity's sign-in, with two changes: a deactivated account can neither finish signing in (the
// two-factor step) nor keep a session past its next security-stamp check; and StaffSignIn can
// start a session (or the two-factor step) for a password StaffPasswordCheck has already
// verified, without hashing it a second time.
public sealed class StaffSignInManager(
    UserManager<StaffUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<StaffUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<StaffUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<StaffUser> confirmation)
    : SignInManager<StaffUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public Task<SignInResult> SignInAfterPasswordAsync(StaffUser user) => SignInOrTwoFactorAsync(user, isPersistent: false);

    public override async Task<bool> CanSignInAsync(StaffUser user) =>
        !user.IsDeactivated && await base.CanSignInAsync(user);

    public override async Task<bool> ValidateSecurityStampAsync(StaffUser? user, string? securityStamp) =>
        user is { IsDeactivated: false } && await base.ValidateSecurityStampAsync(user, securityStamp);
}
