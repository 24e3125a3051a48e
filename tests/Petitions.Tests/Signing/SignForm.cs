namespace Petitions.Tests.Signing;

// The sign form as a supporter fills it in.
public static class SignForm
{
    public static Dictionary<string, string?> Valid(string email, string name = "Ada Lovelace", string country = "GB") => new()
    {
        ["Input.Name"] = name,
        ["Input.Email"] = email,
        ["Input.Country"] = country,
        ["Input.City"] = "London",
        ["Input.Consent"] = "true",
    };

    public static Dictionary<string, string?> With(this Dictionary<string, string?> form, string field, string? value)
    {
        var copy = new Dictionary<string, string?>(form) { [field] = value };
        return copy;
    }

    public static string UniqueEmail(string prefix = "supporter") => $"{prefix}-{Guid.NewGuid():N}@example.org";
}
