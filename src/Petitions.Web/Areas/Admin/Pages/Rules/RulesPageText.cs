namespace Petitions.Web.Areas.Admin.Pages.Rules;

// The words of the abuse rules pages, one RulesPageText.*.resx a language beside this file; the
// messages Core writes for them are in Core's RulesMessages.
public sealed class RulesPageText;
