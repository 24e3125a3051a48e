
namespace Petitions.Core.Signing;

public sealed class SigningOptions
{
    public const string Section = "Signing";

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(7);

    // How long after a petition closes a supporter who signed in time may still confirm and be
    // counted: the email may reach them after the deadline. See Petition.TakesConfirmation.
    public TimeSpan ConfirmGraceAfterClose { get; set; } = TimeSpan.FromHours(24);

    // How long the sign form's "shown at" stamp is good for. Long enough for someone who reads the
    // petition slowly, short enough that one stamp fetched by a bot is soon worth nothing; an
    // older stamp counts as none (held for a moderator, as a form without one is).
    public TimeSpan FormStampMaxAge { get; set; } = TimeSpan.FromHours(2);
}
