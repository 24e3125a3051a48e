namespace Petitions.Core.Email;

// An email waiting to go out. It is written in the same transaction as the change that caused it,
// so a signature that was stored always has its email, and an email never exists for a signature
// that was rolled back.
public sealed class OutboxMessage
{
    private OutboxMessage() { }

    public long Id { get; private set; }

    // Fixed when the row is written and sent as the Message-ID header, so a message that may have
    // gone out before a crash is recognisably the same message if it goes out again.
    public string MessageId { get; private set; } = "";
    public string ToAddress { get; private set; } = "";
    public string ToName { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string TextBody { get; private set; } = "";
    public string HtmlBody { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }
    public DateTimeOffset? LockedUntil { get; private set; }
    public DateTimeOffset? SentAt { get; private set; }
    public DateTimeOffset? FailedAt { get; private set; }
    public string? LastError { get; private set; }
    public DateTimeOffset? LastErrorAt { get; private set; }

    // When this message was last handed to the SMTP server, written before the transfer begins.
    // Set on a message that is not marked sent, it means an earlier attempt may have delivered it:
    // the instance died, or the connection dropped, before the server's answer was recorded.
    public DateTimeOffset? SendStartedAt { get; private set; }

    // Set on an update's emails: which update (for its progress counts), and the signer's one-click
    // unsubscribe address, sent as RFC 8058's List-Unsubscribe and List-Unsubscribe-Post headers.
    public long? UpdateId { get; private set; }
    public string? ListUnsubscribe { get; private set; }

    public static OutboxMessage For(EmailContent content, string toAddress, string toName, string messageIdDomain, DateTimeOffset now,
        long? updateId = null, string? listUnsubscribe = null) => new()
    {
        UpdateId = updateId,
        ListUnsubscribe = listUnsubscribe,
        MessageId = $"{Guid.NewGuid():N}@{messageIdDomain}",
        ToAddress = toAddress,
        ToName = toName,
        Subject = content.Subject,
        TextBody = content.Text,
        HtmlBody = content.Html,
        CreatedAt = now,
        NextAttemptAt = now,
    };
}

public sealed record EmailContent(string Subject, string Text, string Html);
