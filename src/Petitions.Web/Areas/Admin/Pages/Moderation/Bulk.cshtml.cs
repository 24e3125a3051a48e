using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Petitions.Core.Moderation;
using Petitions.Web.Pages;
using Petitions.Web.Staff;

namespace Petitions.Web.Areas.Admin.Pages.Moderation;

// Invalidate or restore every signature the filter matches: first the count and a reason, then
// the change, so nobody changes thousands of signatures by following a link.
public sealed class BulkModel(SignatureModeration moderation, IStringLocalizer<ModerationPageText> text) : FormPageModel
{
    [BindProperty(SupportsGet = true)]
    public SignatureFilterInput Filter { get; set; } = new();

    [BindProperty]
    public string? Reason { get; set; }

    public SignatureChange Change { get; private set; }
    public ModerationPetition Petition { get; private set; } = null!;
    public BulkPreview? Preview { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, string change, CancellationToken cancellationToken)
    {
        if (!TryParse(change, out var parsed))
            return NotFound();
        Change = parsed;
        switch (await moderation.PreviewAsync(id, parsed, Filter, cancellationToken))
        {
            case BulkPreviewResult.Ready ready:
                Petition = ready.Preview.Petition;
                Preview = ready.Preview;
                return Page();
            case BulkPreviewResult.Invalid invalid:
                Petition = invalid.Petition;
                // After a refused post the preview may repeat the post's refusal; it is listed once.
                foreach (var error in invalid.Errors.Where(e => !Errors.Contains((ModerationText.FieldKey(e.Field), e.Message))))
                    AddError(ModerationText.FieldKey(error.Field), error.Message);
                return Page();
            default:
                return NotFound();
        }
    }

    public async Task<IActionResult> OnPostAsync(int id, string change, CancellationToken cancellationToken)
    {
        if (!TryParse(change, out var parsed))
            return NotFound();
        switch (await moderation.ApplyAsync(id, parsed, Filter, Reason, HttpContext.Actor(), cancellationToken))
        {
            case ModerationResult.Changed changed:
                TempData["Notice"] = $"{Done(parsed, changed.Signatures)} {ModerationText.CountChange(text, changed.CountChange)}";
                return Redirect(ModerationText.ListUrl(id, Filter));
            case ModerationResult.Unchanged:
                TempData["Notice"] = text["Bulk.Unchanged"].Value;
                return Redirect(ModerationText.ListUrl(id, Filter));
            case ModerationResult.Invalid invalid:
                foreach (var error in invalid.Errors)
                    AddError(ModerationText.FieldKey(error.Field), error.Message);
                return await OnGetAsync(id, change, cancellationToken);
            default:
                return NotFound();
        }
    }

    // A whole sentence for one signature and for several, so that each language words its own plural.
    private string Done(SignatureChange change, int count) => (change, ModerationText.IsOne(count)) switch
    {
        (SignatureChange.Invalidate, true) => text["Bulk.Done.Invalidate.One"],
        (SignatureChange.Invalidate, false) => text["Bulk.Done.Invalidate.Other", ModerationText.Number(count)],
        (_, true) => text["Bulk.Done.Restore.One"],
        (_, false) => text["Bulk.Done.Restore.Other", ModerationText.Number(count)],
    };

    // Approving in bulk is not offered: a flag is a question about one signature.
    private static bool TryParse(string change, out SignatureChange parsed) =>
        Enum.TryParse(change, ignoreCase: true, out parsed) && parsed is SignatureChange.Invalidate or SignatureChange.Restore
        && change.All(char.IsAsciiLetter);
}
