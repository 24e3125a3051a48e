namespace Petitions.Core.Staff;

// The words Core writes to staff about their accounts: what was wrong with an invitation, a
// password or a code, the notice after a change, and the invitation email. StaffMessages.resx is
// English and the fallback, with one StaffMessages.<tag>.resx a language beside it, read through
// IStringLocalizer<StaffMessages> in the language of the request that asks. In the Arabic
// sentences an email address sits between Unicode isolates (U+2068 ... U+2069), so that a
// left-to-right address keeps its own order and does not carry the full stop with it.
public sealed class StaffMessages;
