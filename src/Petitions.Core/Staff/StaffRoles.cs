namespace Petitions.Core.Staff;

public static class StaffRoles
{
    // Everything: petitions, staff, rules, exports.
    public const string Admin = "Admin";

    // Signatures only: moderation, flags, imports.
    public const string Moderator = "Moderator";

    public static readonly string[] All = [Admin, Moderator];
}
