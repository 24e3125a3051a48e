namespace Petitions.Web.Pages.Shared;

// What _HourChart.cshtml draws: the chart, a prefix for its element ids (two charts may share a
// page), its title in the caller's words, and whether the table lists every hour (the staff
// dashboard, where an empty hour is news) or only those with signatures (the petition page).
public sealed record HourChartFigure(HourChart Chart, string Id, string Title, string Caption, bool EveryHour);
