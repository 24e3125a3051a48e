namespace Petitions.Core.Audit;

// One staff action: who, when, what, and to what. Written in the same transaction as the action.
public sealed class AuditEntry
{
    private AuditEntry() { }

    public AuditEntry(Actor actor, string action, string? target, string? details, DateTimeOffset at)
    {
        ActorId = actor.Id;
        ActorEmail = Clip(actor.Email, ActorEmailMaxLength);
        IpAddress = actor.IpAddress;
        Action = action;
        Target = target is null ? null : Clip(target, TargetMaxLength);
        Details = details;
        At = at;
    }

    public const int ActorEmailMaxLength = 256;
    public const int TargetMaxLength = 200;

    // An action is recorded whatever was typed: a failed sign-in as a megabyte of text, or an
    // invitation to a 254-character address, must not fail on the length of its audit line.
    private static string Clip(string value, int max) => value.Length <= max ? value : value[..(max - 1)] + "…";

    public long Id { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string? ActorId { get; private set; }
    public string ActorEmail { get; private set; } = "";
    public System.Net.IPAddress? IpAddress { get; private set; }
    public string Action { get; private set; } = "";
    public string? Target { get; private set; }
    public string? Details { get; private set; }
}

// The staff member doing something, as the web layer knows them.
public sealed record Actor(string? Id, string Email, System.Net.IPAddress? IpAddress)
{
    public static Actor System { get; } = new(null, "system", null);
}

public static class AuditActions
{
    public const string LoginSucceeded = "login.succeeded";
    public const string LoginFailed = "login.failed";
    public const string LockedOut = "login.locked-out";
    public const string TwoFactorEnabled = "2fa.enabled";
    public const string TwoFactorDisabled = "2fa.disabled";
    public const string TwoFactorRequired = "2fa.required-changed";
    public const string StaffInvited = "staff.invited";
    public const string StaffJoined = "staff.joined";
    public const string StaffRoleChanged = "staff.role-changed";
    public const string StaffDeactivated = "staff.deactivated";
    public const string StaffReactivated = "staff.reactivated";
    public const string StaffRemoved = "staff.removed";
    public const string StaffPasswordReset = "staff.password-reset";
    public const string SignedOut = "login.signed-out";
    public const string PetitionCreated = "petition.created";
    public const string PetitionEdited = "petition.edited";
    public const string PetitionTranslated = "petition.translated";
    public const string PetitionPublished = "petition.published";
    public const string PetitionClosed = "petition.closed";
    public const string PetitionDelivered = "petition.delivered";
    public const string PetitionResponseRecorded = "petition.response-recorded";
    public const string SignatureInvalidated = "signature.invalidated";
    public const string SignatureRestored = "signature.restored";
    public const string SignatureApproved = "signature.approved";
    public const string SignaturesImported = "signatures.imported";
    public const string RulesChanged = "rules.changed";
    public const string AccessListChanged = "access-list.changed";
    public const string ExportStarted = "export.started";
    public const string ExportDownloaded = "export.downloaded";
    public const string ExportDeleted = "export.deleted";
    public const string SignatureWithdrawn = "signature.withdrawn";
    public const string SignatureCopySent = "signature.copy-sent";
    public const string RetentionApplied = "privacy.retention";
    public const string UpdateCreated = "update.created";
    public const string UpdateEdited = "update.edited";
    public const string UpdateTranslated = "update.translated";
    public const string UpdateTestSent = "update.test-sent";
    public const string UpdateSent = "update.sent";
    public const string UpdateCancelled = "update.cancelled";
}
