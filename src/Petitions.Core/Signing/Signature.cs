using System.Net;

namespace Petitions.Core.Signing;

public sealed class Signature
{
    private Signature() { }

    public long Id { get; private set; }
    public int PetitionId { get; private set; }
    public string Name { get; private set; } = "";
    public string Email { get; private set; } = "";
    public string NormalizedEmail { get; private set; } = "";
    public string Country { get; private set; } = "";
    public string? City { get; private set; }
    public string? Comment { get; private set; }
    public bool ShowNamePublicly { get; private set; }
    public bool WantsUpdates { get; private set; }
    public SignatureStatus Status { get; private set; }
    public DateTimeOffset SignedAt { get; private set; }
    public DateTimeOffset? ConfirmedAt { get; private set; }
    public IPAddress? IpAddress { get; private set; }
    public string? UserAgent { get; private set; }

    // Every email this signature causes counts here, so that signing again and again with
    // someone else's address cannot turn the petition into a way to flood their inbox.
    public int EmailsSent { get; private set; }

    public List<ConfirmationToken> Tokens { get; private set; } = [];

    public static Signature Pending(int petitionId, SignRequest request, string normalizedEmail, DateTimeOffset now)
    {
        return new Signature
        {
            PetitionId = petitionId,
            Name = request.Name.Trim(),
            Email = request.Email.Trim(),
            NormalizedEmail = normalizedEmail,
            Country = request.Country.Trim().ToUpperInvariant(),
            City = NullIfBlank(request.City),
            Comment = NullIfBlank(request.Comment),
            ShowNamePublicly = request.ShowNamePublicly,
            WantsUpdates = request.WantsUpdates,
            Status = SignatureStatus.Pending,
            SignedAt = now,
            IpAddress = request.IpAddress,
            UserAgent = Truncate(request.UserAgent, SignatureRules.UserAgentMaxLength),
        };
    }

    // Someone signed again with this address. A pending signature gets a fresh confirmation link,
    // a confirmed one a note that it already counts; past the cap, nothing at all.
    public NextEmail RequestEmailAgain(DateTimeOffset now, TimeSpan tokenLifetime)
    {
        if (EmailsSent >= SignatureRules.MaxEmailsPerSignature)
            return new NextEmail.None();
        if (Status == SignatureStatus.Confirmed)
        {
            EmailsSent++;
            return new NextEmail.AlreadySigned();
        }
        return new NextEmail.Confirmation(IssueToken(now, tokenLifetime));
    }

    // Confirmation through a link is a guarded update in ConfirmationService, safe under races.
    // This is for signatures whose owner is already known to be real, such as imported ones.
    public void Confirm(DateTimeOffset now)
    {
        if (Status != SignatureStatus.Pending)
            throw new InvalidOperationException($"A {Status} signature cannot be confirmed.");
        Status = SignatureStatus.Confirmed;
        ConfirmedAt = now;
    }

    public string IssueToken(DateTimeOffset now, TimeSpan lifetime)
    {
        var (token, hash) = ConfirmationToken.Generate();
        Tokens.Add(new ConfirmationToken(hash, now, now + lifetime));
        EmailsSent++;
        return token;
    }

    private static string? NullIfBlank(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? Truncate(string? value, int max) =>
        value is null || value.Length <= max ? value : value[..max];
}

public abstract record NextEmail
{
    public sealed record None : NextEmail;
    public sealed record AlreadySigned : NextEmail;
    public sealed record Confirmation(string Token) : NextEmail;
}
