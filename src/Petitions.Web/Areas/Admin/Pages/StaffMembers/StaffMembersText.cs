namespace Petitions.Web.Areas.Admin.Pages.StaffMembers;

// The words of the staff list, the invitation form and the two-factor policy, one
// StaffMembersText.*.resx a language beside this file (see Shared/AdminText).
public sealed class StaffMembersText;
