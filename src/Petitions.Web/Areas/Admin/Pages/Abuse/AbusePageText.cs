using Petitions.Core.Abuse;

namespace Petitions.Web.Areas.Admin.Pages.Abuse;

// The words of the abuse rules pages, one AbusePageText.*.resx a language beside this file; the
// messages Core writes for them are in Core's RulesMessages.
public sealed class AbusePageText;
