namespace Petitions.Web.Areas.Admin.Pages.Import;

// The words of the paper import pages, one ImportPageText.*.resx a language beside this file; why a
// file or a row is refused is written by Core, in its ImportMessages.
public sealed class ImportPageText;
