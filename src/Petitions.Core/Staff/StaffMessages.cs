namespace Petitions.Core.Staff;

// The words Core writes to staff about their accounts: what was wrong with an invitation, a
// password or a code, the notice after a change, and the invitation email. StaffMessages.resx is
// English and the fallback, with one StaffMessages.<tag>.resx a language beside it, read through
// IStringLocalizer<StaffMessages> in the language of the request that asks.
public sealed class StaffMessages;
