using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Petitions.Core.Publishing;

namespace Petitions.Web.Pages.PetitionPage;

public sealed class CheckYourEmailModel(PetitionQueries queries) : PageModel
{
    public PetitionSnapshot Petition { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var petition = await queries.FindPublishedAsync(slug, cancellationToken);
        if (petition is null)
            return NotFound();
        Petition = petition.Snapshot.In(Core.Languages.SiteLanguages.Current.Tag);
        return Page();
    }
}
