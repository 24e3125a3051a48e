namespace Petitions.Web.Areas.Admin.Pages.Moderation;

// The words of the moderation pages (the signature list, one signature, changes by filter), one
// ModerationPageText.*.resx a language beside this file. Views reach them as T, page models as text.
public sealed class ModerationPageText;
