using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Petitions.Web.Hosting;
using Petitions.Web.Pages;
using Petitions.Web.Staff;

namespace Petitions.Web.Areas.Admin.Pages.Account;

[AllowAnonymous]
public sealed class LoginWithTwoFactorModel(StaffSignIn signIn, IStringLocalizer<AccountText> text) : FormPageModel
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
            AddError("Code", text["Code.Missing"]);
            return Page();
        }
        if (await signIn.AuthenticatorCodeAsync(Code) == SignInOutcome.SignedIn)
            return LocalRedirect(ReturnUrl is not null && Url.IsLocalUrl(ReturnUrl) ? LocalUrls.ForLocationHeader(ReturnUrl) : "/admin");
        AddError("Code", text["Code.Wrong"]);
        return Page();
    }
}
