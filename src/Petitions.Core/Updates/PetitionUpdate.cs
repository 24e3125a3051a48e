namespace Petitions.Core.Updates;

// Who an update goes to. Updates go to the signers who ticked "email me updates". Two kinds of
// petition-service notice, and only these, go to every confirmed, counted signer who has neither
// withdrawn nor unsubscribed: that the petition was delivered, and that its recipient responded.
public enum UpdateAudience
{
    Subscribers,
    DeliveredNotice,
    ResponseNotice,
}

public enum UpdateStatus
{
    Draft,
    Sending,
    Sent,
    Cancelled,
}

// News about a petition, written by staff, emailed to its supporters and shown on its page. The
// sending is a job claimed like an export (SKIP LOCKED and a lease), which walks the recipients in
// signature id order from Cursor; UpdateRecipient rows make each recipient's email once-only.
public sealed class PetitionUpdate
{
    private PetitionUpdate() { }

    public long Id { get; private set; }
    public int PetitionId { get; private set; }

    // In the petition's main language (SiteLanguages.Default); Translations hold the others.
    public string Title { get; private set; } = "";
    public string Body { get; private set; } = "";
    public UpdateAudience Audience { get; private set; }
    public UpdateStatus Status { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    // Set when sending starts: from then on the update is public (page timeline and Atom feed).
    public DateTimeOffset? PublishedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }

    // The sending job: recipients counted when sending started, how many have been handed to the
    // outbox, the last signature id handed over, and the lease of the instance working on it.
    public long RecipientsTotal { get; private set; }
    public long Enqueued { get; private set; }
    public long Cursor { get; private set; }
    public DateTimeOffset? LockedUntil { get; private set; }

    public List<PetitionUpdateTranslation> Translations { get; private set; } = [];
}

public sealed class PetitionUpdateTranslation
{
    private PetitionUpdateTranslation() { }

    public long UpdateId { get; private set; }
    public string Language { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string Body { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }
}

// That one signature has been sent (handed to the outbox) one update. The primary key is what makes
// sending idempotent: a job resumed after a crash inserts with ON CONFLICT DO NOTHING and writes
// emails only for the rows it really inserted.
public sealed class UpdateRecipient
{
    private UpdateRecipient() { }

    public long UpdateId { get; private set; }
    public long SignatureId { get; private set; }
}
