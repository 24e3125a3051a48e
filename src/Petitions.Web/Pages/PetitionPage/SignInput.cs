using Petitions.Core.Signing;

namespace Petitions.Web.Pages.PetitionPage;

public sealed class SignInput
{
    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? Country { get; set; }
    public string? City { get; set; }
    public string? Comment { get; set; }
    public bool ShowNamePublicly { get; set; }
    public bool WantsUpdates { get; set; }
    public bool WithholdNameFromDelivery { get; set; }
    public bool Consent { get; set; }

    // The protected time the form was shown (SignFormStamp), and the decoy field people leave empty.
    public string? ShownAt { get; set; }
    public string? Website { get; set; }

    public SignRequest ToRequest(string slug, HttpContext http, DateTimeOffset? formShownAt, string language) => new()
    {
        PetitionSlug = slug,
        Name = Name ?? "",
        Email = Email ?? "",
        Country = Country ?? "",
        City = City,
        Comment = Comment,
        ShowNamePublicly = ShowNamePublicly,
        WantsUpdates = WantsUpdates,
        WithholdNameFromDelivery = WithholdNameFromDelivery,
        Consent = Consent,
        IpAddress = http.Connection.RemoteIpAddress,
        UserAgent = http.Request.Headers.UserAgent.ToString(),
        FormShownAt = formShownAt,
        HoneypotFilled = !string.IsNullOrEmpty(Website),
        Language = language,
    };
}
