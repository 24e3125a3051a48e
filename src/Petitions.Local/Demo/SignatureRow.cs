using System.Net;
using Petitions.Core.Signing;

namespace Petitions.Local.Demo;

// One signature as DemoSignatures copies it in; the petition and its version are the same for all.
internal sealed record SignatureRow
{
    public required SignatureSource Source { get; init; }
    public required string Name { get; init; }
    public string? Email { get; init; }
    public string? NormalizedEmail { get; init; }
    public required string Country { get; init; }
    public string? City { get; init; }
    public string? Comment { get; init; }
    public bool ShowNamePublicly { get; init; }
    public bool WantsUpdates { get; init; }
    public bool WithholdNameFromDelivery { get; init; }
    public required SignatureStatus Status { get; init; }
    public required DateTimeOffset SignedAt { get; init; }
    public DateTimeOffset? ConfirmedAt { get; init; }
    public IPAddress? IpAddress { get; init; }
    public DateTimeOffset? IpMinimisedAt { get; init; }
    public string? UserAgent { get; init; }
    public DateTimeOffset? FlaggedAt { get; init; }
    public string? FlagReason { get; init; }
    public DateTimeOffset? InvalidatedAt { get; init; }
    public string? InvalidationReason { get; init; }
    public int EmailsSent { get; init; }
    public string? Language { get; init; }
}
