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
}
