using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Petitions.Core.Languages;
using Petitions.Core.Privacy;
using Petitions.Core.Publishing;
using Petitions.Core.Signing;

namespace Petitions.Web.Pages.PetitionPage;

public sealed class DetailsModel(
    PetitionQueries queries,
    SigningService signing,
    SignFormStamp stamp,
    IStringLocalizer<PageText> text,
    IStringLocalizer<CoreText> coreText) : FormPageModel
{
    [BindProperty]
    public SignInput Input { get; set; } = new();

    // In the reader's language when staff have translated it (see PetitionSnapshot.In).
    public PetitionSnapshot Petition { get; private set; } = null!;
    public bool IsOpen { get; private set; }
    public SiteLanguage Language { get; } = SiteLanguages.Current;

    // The wording in the reader's language; its version is ConsentWording.Version in every language.
    public string ConsentText => ConsentWording.Text(coreText, Petition.RecipientName);

    public async Task<IActionResult> OnGetAsync([FromRoute] string slug, CancellationToken cancellationToken)
    {
        var petition = await queries.FindPublishedAsync(slug, cancellationToken);
        if (petition is null)
            return NotFound();
        (Petition, IsOpen) = (petition.Snapshot.In(Language.Tag), petition.IsOpen);
        Input.ShownAt = stamp.Keep(Input.ShownAt, HttpContext);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] string slug, CancellationToken cancellationToken)
    {
        switch (await signing.SignAsync(Input.ToRequest(slug, HttpContext, stamp.Read(Input.ShownAt, HttpContext), Language.Tag), cancellationToken))
        {
            case SignResult.Accepted accepted:
                return RedirectToPage("/PetitionPage/CheckYourEmail", new { slug = accepted.PetitionSlug });
            case SignResult.Invalid invalid:
                AddErrors(invalid.Errors);
                break;
            case SignResult.Closed:
                AddError("", text["Details.ClosedError"]);
                break;
            default:
                return NotFound();
        }
        return await OnGetAsync(slug, cancellationToken);
    }
}
