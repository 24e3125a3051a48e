using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Petitions.Web.Staff;

namespace Petitions.Web.Areas.Admin.Pages.Account;

[AllowAnonymous]
public sealed class LogoutModel(StaffSignIn signIn) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Account/Login", new { area = "Admin" });

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return RedirectToPage("/Account/Login", new { area = "Admin" });
    }
}
