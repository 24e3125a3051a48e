using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Petitions.Core.Insights;

namespace Petitions.Web.Areas.Admin.Pages.Insights;

public sealed class TrendingModel(PetitionInsights insights) : PageModel
{
    public PetitionTrending Trending { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var trending = await insights.TrendingAsync(id, cancellationToken);
        if (trending is null)
            return NotFound();
        Trending = trending;
        return Page();
    }
}
