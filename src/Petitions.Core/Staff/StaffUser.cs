using Microsoft.AspNetCore.Identity;

namespace Petitions.Core.Staff;

public sealed class StaffUser : IdentityUser
{
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? InvitedAt { get; set; }
}
