using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Petitions.Core.Insights;

namespace Petitions.Web.Areas.Admin.Pages.Insights;

public sealed class DashboardModel(PetitionInsights insights) : PageModel
{
    public PetitionDashboard Dashboard { get; private set; } = null!;
    public HourlyChart Chart { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var dashboard = await insights.DashboardAsync(id, cancellationToken);
        if (dashboard is null)
            return NotFound();
        Dashboard = dashboard;
        Chart = new HourlyChart(dashboard.Hourly);
        return Page();
    }
}
