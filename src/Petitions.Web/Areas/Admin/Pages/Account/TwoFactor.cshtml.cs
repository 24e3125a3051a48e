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

    public Task<IActionResult> OnPostEnableAsync(CancellationToken cancellationToken) =>
        ChangeAsync(user => accounts.EnableTwoFactorAsync(user, Code, HttpContext.Actor()), cancellationToken);

    public Task<IActionResult> OnPostDisableAsync(CancellationToken cancellationToken) =>
        ChangeAsync(user => accounts.DisableTwoFactorAsync(user, HttpContext.Actor(), cancellationToken), cancellationToken);

    private async Task<IActionResult> ChangeAsync(Func<StaffUser, Task<StaffResult>> change, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        switch (await change(user))
        {
            case StaffResult.Done done:
                // The sign-in cookie carries the two-factor state; refresh it to match.
                await signIn.RefreshSignInAsync(user);
                TempData["Notice"] = done.Message;
                return RedirectToPage();
            case StaffResult.Invalid invalid:
                AddErrors(invalid.Errors, prefix: "");
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
