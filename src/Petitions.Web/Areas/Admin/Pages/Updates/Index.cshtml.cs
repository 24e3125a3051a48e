using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Petitions.Core.Publishing;
using Petitions.Core.Updates;

namespace Petitions.Web.Areas.Admin.Pages.Updates;

public sealed class IndexModel(UpdateEditor editor) : PageModel
{
    public Petition Petition { get; private set; } = null!;
    public IReadOnlyList<UpdateListItem> Updates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await editor.ListAsync(id, cancellationToken) is not var (petition, updates))
            return NotFound();
        (Petition, Updates) = (petition, updates);
        return Page();
    }
}
