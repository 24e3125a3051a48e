using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Petitions.Core.Delivery;
using Petitions.Core.Signing;

namespace Petitions.Web.Pages;

public sealed class ConfirmModel(ConfirmationService confirmation, DeliveryReceipts receipts) : PageModel
{
    public ConfirmResult Result { get; private set; } = new ConfirmResult.Unknown();
    public bool JustConfirmed { get; private set; }

    // The supporter's place in the delivered list and the code printed beside it.
    public SignatureReceipt? Receipt { get; private set; }

    // Opening the link only shows a button: mail scanners follow links, and must not confirm.
    public async Task OnGetAsync(string token, string? status, CancellationToken cancellationToken)
    {
        Result = await confirmation.InspectAsync(token, cancellationToken);
        if (Result is ConfirmResult.Unknown)
            Response.StatusCode = StatusCodes.Status404NotFound;
        JustConfirmed = status == "confirmed" && Result is ConfirmResult.AlreadyConfirmed;
        if (Result is ConfirmResult.AlreadyConfirmed)
            Receipt = await receipts.ForTokenAsync(token, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        Result = await confirmation.ConfirmAsync(token, cancellationToken);
        if (Result is ConfirmResult.Confirmed)
            return RedirectToPage(new { token, status = "confirmed" });
        if (Result is ConfirmResult.AlreadyConfirmed)
            Receipt = await receipts.ForTokenAsync(token, cancellationToken);
        if (Result is ConfirmResult.Unknown)
            Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    public async Task<IActionResult> OnPostNewLinkAsync(string token, CancellationToken cancellationToken)
    {
        Result = await confirmation.SendNewLinkAsync(token, cancellationToken);
        if (Result is ConfirmResult.Expired expired)
            return RedirectToPage("/Petitions/CheckYourEmail", new { slug = expired.PetitionSlug });
        if (Result is ConfirmResult.Unknown)
            Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
