using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Petitions.Core.Signing;
using Petitions.Core.Text;
using Petitions.Web.Hosting;
using Petitions.Web.Pages;
using Petitions.Web.Staff;

namespace Petitions.Web.Areas.Admin.Pages.Account;

[AllowAnonymous]
public sealed class LoginModel(StaffSignIn signIn, IStringLocalizer<AccountText> text) : FormPageModel
{
    public sealed class LoginInput
    {
        public string? Email { get; set; }
        public string? Password { get; set; }
    }

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Input.Email))
            AddError("Input.Email", text["Login.EmailMissing"]);
        if (string.IsNullOrEmpty(Input.Password))
            AddError("Input.Password", text["Login.PasswordMissing"]);
        if (Errors.Count > 0)
            return Page();
        // No account's address holds control characters or runs past a mailbox's length, and
        // PostgreSQL refuses NUL even in a query: the answer is the same as for any address
        // without an account, and the attempt is not audited as a sign-in that could have worked.
        if (!TextRules.IsOneLine(Input.Email) || !TextRules.IsOneLine(Input.Password) || Input.Email!.Trim().Length > SignatureRules.EmailMaxLength)
            return Refused();

        return await signIn.PasswordAsync(Input.Email!, Input.Password!) switch
        {
            SignInOutcome.SignedIn => LocalRedirect(SafeReturnUrl),
            SignInOutcome.NeedsTwoFactor => RedirectToPage("/Account/LoginWithTwoFactor", new { area = "Admin", ReturnUrl = SafeReturnUrl }),
            _ => Refused(),
        };
    }

    private string SafeReturnUrl => ReturnUrl is not null && Url.IsLocalUrl(ReturnUrl) ? LocalUrls.ForLocationHeader(ReturnUrl) : "/admin";

    private PageResult Refused()
    {
        AddError("", text["Login.Refused"]);
        return Page();
    }
}
