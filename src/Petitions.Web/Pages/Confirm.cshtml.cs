using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Petitions.Core.Delivery;
using Petitions.Core.Languages;
using Petitions.Core.Publishing;
using Petitions.Core.Signing;

namespace Petitions.Web.Pages;

public sealed class ConfirmModel(ConfirmationService confirmation, DeliveryReceipts receipts, PetitionQueries petitions) : PageModel
{
    public ConfirmResult Result { get; private set; } = new ConfirmResult.Unknown();
    public bool JustConfirmed { get; private set; }

    // The supporter's place in the delivered list and the code printed beside it.
    public SignatureReceipt? Receipt { get; private set; }

    // Opening the link only shows a button: mail scanners follow links, and must not confirm.
    public async Task OnGetAsync(string token, string? status, CancellationToken cancellationToken)
    {
        Result = await InReadersLanguageAsync(await confirmation.InspectAsync(token, cancellationToken), cancellationToken);
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
        Result = await InReadersLanguageAsync(Result, cancellationToken);
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
            return RedirectToPage("/PetitionPage/CheckYourEmail", new { slug = expired.PetitionSlug });
        Result = await InReadersLanguageAsync(Result, cancellationToken);
        if (Result is ConfirmResult.Unknown)
            Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    // The petition's title as the reader's language has it, from the cached snapshot, when staff
    // have translated it.
    private async Task<ConfirmResult> InReadersLanguageAsync(ConfirmResult result, CancellationToken cancellationToken)
    {
        var slug = result switch
        {
            ConfirmResult.Ready r => r.PetitionSlug,
            ConfirmResult.AlreadyConfirmed a => a.PetitionSlug,
            ConfirmResult.Expired e => e.PetitionSlug,
            ConfirmResult.Closed c => c.PetitionSlug,
            _ => null,
        };
        if (slug is null || await petitions.FindPublishedAsync(slug, cancellationToken) is not { } page)
            return result;
        var title = page.Snapshot.In(SiteLanguages.Current.Tag).Title;
        return result switch
        {
            ConfirmResult.Ready r => r with { PetitionTitle = title },
            ConfirmResult.AlreadyConfirmed a => a with { PetitionTitle = title },
            ConfirmResult.Expired e => e with { PetitionTitle = title },
            ConfirmResult.Closed c => c with { PetitionTitle = title },
            _ => result,
        };
    }
}
