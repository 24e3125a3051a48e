namespace Petitions.Core.Signing;

public sealed class SigningOptions
{
    public const string Section = "Signing";

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(7);
}
