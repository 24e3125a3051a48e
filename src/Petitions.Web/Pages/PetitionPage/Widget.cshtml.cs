using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Petitions.Core.Publishing;
using Petitions.Web.Hosting;

namespace Petitions.Web.Pages.PetitionPage;

// The petition's title, count and progress in a box other sites embed in an iframe. It is the
// only page that may be framed ([Frameable]), so it holds nothing to click but a link that opens
// the petition itself in a new tab, where the supporter signs on this site's own page.
[Frameable]
public sealed class WidgetModel(PetitionQueries queries) : PageModel
{
    public PetitionSnapshot Petition { get; private set; } = null!;
    public bool IsOpen { get; private set; }

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var petition = await queries.FindPublishedAsync(slug, cancellationToken);
        if (petition is null)
            return NotFound();
        (Petition, IsOpen) = (petition.Snapshot, petition.IsOpen);
        return Page();
    }
}
