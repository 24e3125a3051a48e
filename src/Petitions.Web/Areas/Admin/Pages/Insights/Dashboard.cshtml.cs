using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Petitions.Core.Insights;
using Petitions.Web.Pages.Shared;

namespace Petitions.Web.Areas.Admin.Pages.Insights;

public sealed class DashboardModel(PetitionInsights insights) : PageModel
{
    public PetitionDashboard Dashboard { get; private set; } = null!;
    public HourChart Chart { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var dashboard = await insights.DashboardAsync(id, cancellationToken);
        if (dashboard is null)
            return NotFound();
        Dashboard = dashboard;
        Chart = new HourChart(dashboard.Hourly, HourChart.Dashboard);
        return Page();
    }
}
