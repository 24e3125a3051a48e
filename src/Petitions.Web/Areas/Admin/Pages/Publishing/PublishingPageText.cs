
namespace Petitions.Web.Areas.Admin.Pages.Publishing;

// The words of the petition editing pages (new, edit, translate), one PublishingPageText.*.resx a
// language beside this file; the messages Core writes for them are in Core's PetitionMessages.
public sealed class PublishingPageText;
