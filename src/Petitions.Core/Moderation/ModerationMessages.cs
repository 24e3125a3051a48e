namespace Petitions.Core.Moderation;

// The words Core writes for moderators: the signature filter's messages and the reasons a change
// of a signature is refused, in ModerationMessages.*.resx beside this file (English is the neutral
// one). Looked up when a rule fails, in the language of the staff member's request.
public sealed class ModerationMessages;
