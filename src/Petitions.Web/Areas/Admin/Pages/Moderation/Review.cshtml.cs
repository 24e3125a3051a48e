using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Petitions.Core.Moderation;
using Petitions.Web.Pages;
using Petitions.Web.Staff;

namespace Petitions.Web.Areas.Admin.Pages.Moderation;

// One signature, all of it, with the decisions a moderator can take on it.
public sealed class ReviewModel(SignatureList signatures, SignatureModeration moderation, IStringLocalizer<ModerationPageText> text) : FormPageModel
{
    [BindProperty]
    public string? Reason { get; set; }

    public SignatureReview Review { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var review = await signatures.FindAsync(id, cancellationToken);
        if (review is null)
            return NotFound();
        Review = review;
        return Page();
    }

    public async Task<IActionResult> OnPostInvalidateAsync(long id, CancellationToken cancellationToken) =>
        await ShowAsync(id, SignatureChange.Invalidate, await moderation.InvalidateAsync(id, Reason, HttpContext.Actor(), cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostRestoreAsync(long id, CancellationToken cancellationToken) =>
        await ShowAsync(id, SignatureChange.Restore, await moderation.RestoreAsync(id, HttpContext.Actor(), cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostApproveAsync(long id, CancellationToken cancellationToken) =>
        await ShowAsync(id, SignatureChange.Approve, await moderation.ApproveAsync(id, HttpContext.Actor(), cancellationToken), cancellationToken);

    private async Task<IActionResult> ShowAsync(long id, SignatureChange change, ModerationResult result, CancellationToken cancellationToken)
    {
        switch (result)
        {
            case ModerationResult.Changed changed:
                TempData["Notice"] = $"{Done(change)} {ModerationText.CountChange(text, changed.CountChange)}";
                return RedirectToPage(new { id });
            case ModerationResult.Unchanged:
                TempData["Notice"] = Unchanged(change);
                return RedirectToPage(new { id });
            case ModerationResult.Invalid invalid:
                foreach (var error in invalid.Errors)
                    AddError(ModerationText.FieldKey(error.Field), error.Message);
                return await OnGetAsync(id, cancellationToken);
            default:
                return NotFound();
        }
    }

    private string Done(SignatureChange change) => change switch
    {
        SignatureChange.Invalidate => text["Review.Done.Invalidate"],
        SignatureChange.Restore => text["Review.Done.Restore"],
        _ => text["Review.Done.Approve"],
    };

    private string Unchanged(SignatureChange change) => change switch
    {
        SignatureChange.Invalidate => text["Review.Unchanged.Invalidate"],
        SignatureChange.Restore => text["Review.Unchanged.Restore"],
        _ => text["Review.Unchanged.Approve"],
    };
}
