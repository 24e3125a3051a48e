using Microsoft.AspNetCore.Identity;

namespace Petitions.Core.Staff;

public sealed class StaffUser : IdentityUser
{
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? InvitedAt { get; set; }

    // A deactivated account keeps its history and can be reactivated, but cannot sign in, and
    // its sessions end at their next security-stamp check.
    public DateTimeOffset? DeactivatedAt { get; private set; }

    public bool IsDeactivated => DeactivatedAt is not null;

    public void Deactivate(DateTimeOffset now) => DeactivatedAt ??= now;

    public void Reactivate() => DeactivatedAt = null;
}
