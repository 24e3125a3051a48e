using Microsoft.AspNetCore.Mvc;
using Petitions.Core.Moderation;
using Petitions.Web.Pages;

namespace Petitions.Web.Areas.Admin.Pages.Moderation;

public sealed class SignaturesModel(SignatureList signatures) : FormPageModel
{
    // Bound from the query string without a prefix: ?status=flagged&country=GB.
    [BindProperty(SupportsGet = true)]
    public SignatureFilterInput Filter { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public long? After { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Before { get; set; }

    public ModerationPetition Petition { get; private set; } = null!;
    public SignatureListPage? Listing { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        switch (await signatures.ListAsync(id, Filter, new PageCursor(After, Before), cancellationToken))
        {
            case SignatureListResult.Listed listed:
                Petition = listed.Page.Petition;
                Listing = listed.Page;
                return Page();
            case SignatureListResult.Invalid invalid:
                Petition = invalid.Petition;
                foreach (var error in invalid.Errors)
                    AddError(ModerationText.FieldKey(error.Field), error.Message);
                return Page();
            default:
                return NotFound();
        }
    }
}
