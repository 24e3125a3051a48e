namespace Petitions.Web.Areas.Admin.Pages.Audit;

// The words of the audit log page, one AuditPageText.*.resx a language beside this file. The view
// reaches them as T, the page model as text.
public sealed class AuditPageText;
