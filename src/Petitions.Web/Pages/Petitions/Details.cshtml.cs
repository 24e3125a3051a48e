using Microsoft.AspNetCore.Mvc;
using Petitions.Core.Petitions;
using Petitions.Core.Signing;

namespace Petitions.Web.Pages.Petitions;

public sealed class DetailsModel(PetitionQueries queries, SigningService signing, SignFormStamp stamp) : FormPageModel
{
    [BindProperty]
    public SignInput Input { get; set; } = new();

    public PetitionSnapshot Petition { get; private set; } = null!;
    public bool IsOpen { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var petition = await queries.FindPublishedAsync(slug, cancellationToken);
        if (petition is null)
            return NotFound();
        (Petition, IsOpen) = (petition.Snapshot, petition.IsOpen);
        Input.ShownAt = stamp.Keep(Input.ShownAt);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        switch (await signing.SignAsync(Input.ToRequest(slug, HttpContext, stamp.Read(Input.ShownAt)), cancellationToken))
        {
            case SignResult.Accepted accepted:
                return RedirectToPage("/Petitions/CheckYourEmail", new { slug = accepted.PetitionSlug });
            case SignResult.Invalid invalid:
                AddErrors(invalid.Errors);
                break;
            case SignResult.Closed:
                AddError("", "This petition is closed and no longer accepts signatures.");
                break;
            default:
                return NotFound();
        }
        return await OnGetAsync(slug, cancellationToken);
    }
}
