using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Petitions.Core.Languages;
using Petitions.Core.Signing;

namespace Petitions.Web.Pages;

public sealed class ConfirmModel(ConfirmationService confirmation) : PageModel
{
    public ConfirmResult Result { get; private set; } = new ConfirmResult.Unknown();
    public bool JustConfirmed { get; private set; }

    // Opening the link only shows a button: mail scanners follow links, and must not confirm.
    public async Task OnGetAsync(string token, string? status, CancellationToken cancellationToken)
    {
        Result = await confirmation.InspectAsync(token, SiteLanguages.Current.Tag, cancellationToken);
        if (Result is ConfirmResult.Unknown)
            Response.StatusCode = StatusCodes.Status404NotFound;
        JustConfirmed = status == "confirmed" && Result is ConfirmResult.AlreadyConfirmed;
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        Result = await confirmation.ConfirmAsync(token, SiteLanguages.Current.Tag, cancellationToken);
        if (Result is ConfirmResult.Confirmed)
            return RedirectToPage(new { token, status = "confirmed" });
        if (Result is ConfirmResult.Unknown)
            Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    public async Task<IActionResult> OnPostNewLinkAsync(string token, CancellationToken cancellationToken)
    {
        Result = await confirmation.SendNewLinkAsync(token, SiteLanguages.Current.Tag, cancellationToken);
        if (Result is ConfirmResult.Expired expired)
            return RedirectToPage("/PetitionPage/CheckYourEmail", new { slug = expired.PetitionSlug });
        if (Result is ConfirmResult.Unknown)
            Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
