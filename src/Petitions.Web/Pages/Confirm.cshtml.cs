using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Petitions.Core.Signing;

namespace Petitions.Web.Pages;

public sealed class ConfirmModel(ConfirmationService confirmation) : PageModel
{
    public ConfirmResult Result { get; private set; } = new ConfirmResult.Unknown();
    public bool JustConfirmed { get; private set; }

    // Opening the link only shows a button: mail scanners follow links, and must not confirm.
    public async Task OnGetAsync(string token, string? status, CancellationToken cancellationToken)
    {
        Result = await confirmation.InspectAsync(token, cancellationToken);
        if (Result is ConfirmResult.Unknown)
            Response.StatusCode = StatusCodes.Status404NotFound;
        JustConfirmed = status == "confirmed" && Result is ConfirmResult.AlreadyConfirmed;
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        Result = await confirmation.ConfirmAsync(token, cancellationToken);
        return Result is ConfirmResult.Confirmed
            ? RedirectToPage(new { token, status = "confirmed" })
            : Page();
    }

    public async Task<IActionResult> OnPostNewLinkAsync(string token, CancellationToken cancellationToken)
    {
        Result = await confirmation.SendNewLinkAsync(token, cancellationToken);
        return Result is ConfirmResult.Expired expired
            ? RedirectToPage("/Petitions/CheckYourEmail", new { slug = expired.PetitionSlug })
            : Page();
    }
}
