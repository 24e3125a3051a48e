using Microsoft.AspNetCore.Mvc;
using Petitions.Core.Counting;

namespace Petitions.Web.Pages.PetitionPage;

// The petition page's figures, from their own cache (PetitionStatistics). A view component rather
// than figures handed down by the page model: the page wraps them in a <cache> tag, and a view
// component inside it runs only when the tag has no copy kept, where the page model would read
// the figures on every view. Its view is beside the page (Components/PetitionStats), the only one
// that shows it.
public sealed class PetitionStatsViewComponent(PetitionStatistics statistics) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int petitionId) =>
        View(await statistics.GetAsync(petitionId, HttpContext.RequestAborted));
}
