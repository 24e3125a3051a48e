namespace Petitions.Web.Areas.Admin.Pages.Editing;

// The words of the petition editing pages (new, edit, translate), one EditingPageText.*.resx a
// language beside this file; the messages Core writes for them are in Core's PetitionMessages.
public sealed class EditingPageText;
