namespace Petitions.Web.Areas.Admin.Pages.Insights;

// The words of a petition's staff dashboard and trending page, one InsightsPageText.*.resx a
// language beside this file, reached in the views as T.
public sealed class InsightsPageText;
