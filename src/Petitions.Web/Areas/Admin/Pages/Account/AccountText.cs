namespace Petitions.Web.Areas.Admin.Pages.Account;

// The words of the staff sign-in, two-factor and invitation pages, one AccountText.*.resx a
// language beside this file (see Shared/AdminText).
public sealed class AccountText;
