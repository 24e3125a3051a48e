using System.Net;

namespace Petitions.Core.Signing;

public sealed record SignRequest
{
    public string PetitionSlug { get; init; } = "";
    public string Name { get; init; } = "";
    public string Email { get; init; } = "";
    public string Country { get; init; } = "";
    public string? City { get; init; }
    public string? Comment { get; init; }
    public bool ShowNamePublicly { get; init; }
    public bool WantsUpdates { get; init; }
    public bool WithholdNameFromDelivery { get; init; }
    public bool Consent { get; init; }
    public IPAddress? IpAddress { get; init; }
    public string? UserAgent { get; init; }

    // The language the form was shown in (a SiteLanguages tag): the signer's emails are written
    // in it, and the delivered list records it.
    public string Language { get; init; } = Languages.SiteLanguages.Default;

    // For the abuse rules. When the web layer last showed this form, as read from the form's
    // protected timestamp; null when the timestamp was missing, tampered with, issued to another
    // visitor or older than SigningOptions.FormStampMaxAge.
    public DateTimeOffset? FormShownAt { get; init; }

    // The form's hidden decoy field had something in it: people never see it, bots fill it in.
    public bool HoneypotFilled { get; init; }
}
