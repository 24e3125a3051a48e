using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Petitions.Core.Staff;
using Petitions.Web.Hosting;
using Petitions.Web.Pages;
using Petitions.Web.Staff;
using QRCoder;

namespace Petitions.Web.Areas.Admin.Pages.Account;

public sealed class TwoFactorModel(StaffAccounts accounts, UserManager<StaffUser> users, SignInManager<StaffUser> signIn, IOptions<AppOptions> app) : FormPageModel
{
    [BindProperty]
    public string? Code { get; set; }

    public AuthenticatorSetup Setup { get; private set; } = null!;
    public string QrSvg { get; private set; } = "";
    public bool Required { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await ShowAsync(cancellationToken);

    public async Task<IActionResult> OnPostEnableAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        switch (await accounts.EnableTwoFactorAsync(user, Code, HttpContext.Actor()))
        {
            case StaffResult.Done done:
                await signIn.RefreshSignInAsync(user);
                TempData["Notice"] = done.Message;
                return RedirectToPage();
            case StaffResult.Invalid invalid:
                foreach (var error in invalid.Errors)
                    AddError(error.Field, error.Message);
                break;
        }
        return await ShowAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        switch (await accounts.DisableTwoFactorAsync(user, HttpContext.Actor(), cancellationToken))
        {
            case StaffResult.Done done:
                TempData["Notice"] = done.Message;
                return RedirectToPage();
            case StaffResult.Invalid invalid:
                foreach (var error in invalid.Errors)
                    AddError(error.Field, error.Message);
                break;
        }
        return await ShowAsync(cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        Setup = await accounts.AuthenticatorAsync(user, app.Value.Name);
        Required = await accounts.RequiresTwoFactorAsync(cancellationToken);
        using var data = QRCodeGenerator.GenerateQrCode(Setup.Uri, QRCodeGenerator.ECCLevel.M);
        QrSvg = new SvgQRCode(data).GetGraphic(4);
        return Page();
    }
}
