using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Petitions.Core.Staff;
using Petitions.Web.Pages;

namespace Petitions.Web.Areas.Admin.Pages.Account;

[AllowAnonymous]
public sealed class AcceptInvitationModel(StaffAccounts accounts) : FormPageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? Confirm { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        switch (await accounts.AcceptInvitationAsync(Email, Token, Password, Confirm))
        {
            case StaffResult.Done done:
                TempData["Notice"] = done.Message;
                return RedirectToPage("/Account/Login", new { area = "Admin" });
            case StaffResult.Invalid invalid:
                AddErrors(invalid.Errors, prefix: "");
                break;
        }
        return Page();
    }
}
