namespace Petitions.Core.Audit;

// The words Core writes for staff reading the audit log: its filter's messages, in
// AuditMessages.*.resx beside this file (English is the neutral one).
public sealed class AuditMessages;
