using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Petitions.Web.Pages;
using Petitions.Web.Staff;

namespace Petitions.Web.Areas.Admin.Pages.Account;

[AllowAnonymous]
public sealed class LoginWithTwoFactorModel(StaffSignIn signIn) : FormPageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Code))
        {
            AddError("Code", "Enter the 6-digit code from your authenticator app.");
            return Page();
        }
        if (await signIn.AuthenticatorCodeAsync(Code) == SignInOutcome.SignedIn)
            return LocalRedirect(ReturnUrl is not null && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/admin");
        AddError("Code", "That code did not work. Codes change every 30 seconds; enter the one shown now.");
        return Page();
    }
}
