namespace Petitions.Core.Staff;

// Staff-wide security settings an Admin can change at runtime. One row.
public sealed class StaffPolicy
{
    public const int SingletonId = 1;

    private StaffPolicy() { }

    public int Id { get; private set; } = SingletonId;
    public bool RequireTwoFactor { get; private set; }

    public static StaffPolicy Defaults() => new();

    public void RequireTwoFactorForAll(bool required) => RequireTwoFactor = required;
}
