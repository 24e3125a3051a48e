using Microsoft.Extensions.Localization;
using Petitions.Core.Statistics;
using Petitions.Web.Pages;
using Petitions.Web.Pages.Shared;

namespace Petitions.Web.Areas.Admin.Pages.Insights;

// The dashboard's signatures-per-hour chart: the shared hour chart, wide, over the last 7 days.
public sealed class HourlyChart(IReadOnlyList<HourTally> hours) : HourChart(hours, Size)
{
    public const int Width = 900;
    public const int Height = 240;
    public const int Left = 56;
    public const int Right = 12;
    public const int Top = 16;
    public const int Bottom = 40;
    public const double PlotHeight = Height - Top - Bottom;

    public static readonly ChartFrame Size = new(Width, Height, Left, Right, Top, Bottom);

    // The chart's sentence is in the public pages' words (PageText), which the dashboard's view
    // does not otherwise inject.
    public static IStringLocalizer Text(HttpContext http) => http.RequestServices.GetRequiredService<IStringLocalizer<PageText>>();
}
