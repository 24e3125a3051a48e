using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Petitions.Core.Languages;
using Petitions.Core.Privacy;
using Petitions.Core.Publishing;

namespace Petitions.Web.Pages.Signatures;

public sealed class ManageModel(SignatureManagement management, PetitionQueries petitions) : PageModel
{
    public SignatureChoices? Choices { get; private set; }
    public WithdrawResult? Withdrawal { get; private set; }

    // What the last action did, after the redirect that follows it.
    public string? Done { get; private set; }

    // Opening the link only shows the choices: mail scanners follow links.
    public async Task OnGetAsync(string token, string? done, CancellationToken cancellationToken)
    {
        Choices = await InReadersLanguageAsync(await management.InspectAsync(token, cancellationToken), cancellationToken);
        if (Choices is null)
            Response.StatusCode = StatusCodes.Status404NotFound;
        Done = done is "updates" or "copy" or "copy-limit" ? done : null;
    }

    public async Task<IActionResult> OnPostWithdrawAsync(string token, CancellationToken cancellationToken)
    {
        Withdrawal = await management.WithdrawAsync(token, cancellationToken);
        switch (Withdrawal)
        {
            case WithdrawResult.TooLate tooLate:
                Choices = await InReadersLanguageAsync(tooLate.Choices, cancellationToken);
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
            case WithdrawResult.Unknown:
                Response.StatusCode = StatusCodes.Status404NotFound;
                break;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostStopUpdatesAsync(string token, CancellationToken cancellationToken) =>
        await management.StopUpdatesAsync(token, cancellationToken) is null ? Unknown() : RedirectToPage(new { token, done = "updates" });

    public async Task<IActionResult> OnPostCopyAsync(string token, CancellationToken cancellationToken) =>
        await management.SendCopyAsync(token, cancellationToken) switch
        {
            CopyResult.Sent => RedirectToPage(new { token, done = "copy" }),
            CopyResult.TooManyEmails => RedirectToPage(new { token, done = "copy-limit" }),
            _ => Unknown(),
        };

    // The petition's title as the reader's language has it, from the cached snapshot, when staff
    // have translated it.
    private async Task<SignatureChoices?> InReadersLanguageAsync(SignatureChoices? choices, CancellationToken cancellationToken) =>
        choices is not null && await petitions.FindPublishedAsync(choices.PetitionSlug, cancellationToken) is { } page
            ? choices with { PetitionTitle = page.Snapshot.In(SiteLanguages.Current.Tag).Title }
            : choices;

    private PageResult Unknown()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
