namespace Petitions.Web.Areas.Admin.Pages.Shared;

// The words of the staff area's frame (title, navigation, sign-out), one AdminText.*.resx a
// language beside this file. Each folder of the staff area keeps its own words the same way
// (Account/AccountText, Moderation/ModerationPageText, ...), reached in its views as T and in its
// page models as text; a test keeps every language complete and every key asked for present.
public sealed class AdminText;
