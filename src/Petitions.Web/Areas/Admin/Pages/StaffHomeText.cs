namespace Petitions.Web.Areas.Admin.Pages;

// The words of the staff home page (Index): the petitions table and the outgoing email, one
// StaffHomeText.*.resx a language beside this file (see Shared/AdminText).
public sealed class StaffHomeText;
