namespace Petitions.Core.Privacy;

public enum ConsentEventKind
{
    UpdatesUnsubscribed,
}

// Where the signer said it: the one-click header (RFC 8058), the link in an email, or their
// manage page.
public enum ConsentEventSource
{
    OneClick,
    EmailLink,
    ManagePage,
}

// The consent history of a signature beyond the consent it was given with (Signature.ConsentVersion
// and ConsentedAt): each later change, when and how it was made.
public sealed class ConsentEvent
{
    private ConsentEvent() { }

    public ConsentEvent(long signatureId, ConsentEventKind kind, ConsentEventSource source, DateTimeOffset at)
    {
        SignatureId = signatureId;
        Kind = kind;
        Source = source;
        At = at;
    }

    public long Id { get; private set; }
    public long SignatureId { get; private set; }
    public ConsentEventKind Kind { get; private set; }
    public ConsentEventSource Source { get; private set; }
    public DateTimeOffset At { get; private set; }
}
