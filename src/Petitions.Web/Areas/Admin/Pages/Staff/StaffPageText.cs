namespace Petitions.Web.Areas.Admin.Pages.Staff;

// The words of the staff list, the invitation form and the two-factor policy, one
// StaffPageText.*.resx a language beside this file (see Shared/AdminText).
public sealed class StaffPageText;
