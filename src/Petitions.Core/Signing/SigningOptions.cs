namespace Petitions.Core.Signing;

public sealed class SigningOptions
{
    public const string Section = "Signing";

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(7);

    // How long after a petition closes a supporter who signed in time may still confirm and be
    // counted: the email may reach them after the deadline. See Petition.TakesConfirmation.
    public TimeSpan ConfirmGraceAfterClose { get; set; } = TimeSpan.FromHours(24);
}
