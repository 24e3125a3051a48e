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

    public bool IsPublic => PublishedAt is not null && Status != UpdateStatus.Cancelled;

    public static PetitionUpdate Draft(int petitionId, string title, string body, UpdateAudience audience, string createdBy, DateTimeOffset now) =>
        new()
        {
            PetitionId = petitionId,
            Title = title.Trim(),
            Body = body.Trim(),
            Audience = audience,
            Status = UpdateStatus.Draft,
            CreatedBy = createdBy,
            CreatedAt = now,
            UpdatedAt = now,
        };

    // Only a draft is edited: once sending has started, some supporters have the text already.
    public void Edit(string title, string body, UpdateAudience audience, DateTimeOffset now)
    {
        EnsureDraft();
        Title = title.Trim();
        Body = body.Trim();
        Audience = audience;
        UpdatedAt = now;
    }

    // Adds or replaces the text in one language; the update's translations must be loaded.
    public void Translate(string language, string title, string body, DateTimeOffset now)
    {
        EnsureDraft();
        if (Languages.SiteLanguages.Find(language) is not { } found || found.Tag == Languages.SiteLanguages.Default)
            throw new ArgumentException($"'{language}' is not one of the site's other languages.", nameof(language));
        if (Translations.Find(t => t.Language == found.Tag) is { } existing)
            existing.Write(title, body, now);
        else
            Translations.Add(new PetitionUpdateTranslation(found.Tag, title, body, now));
        UpdatedAt = now;
    }

    public bool RemoveTranslation(string language)
    {
        EnsureDraft();
        return Translations.RemoveAll(t => t.Language == language) > 0;
    }

    // The text a reader of this language gets: its translation, or the main text.
    public (string Language, string Title, string Body) TextIn(string? language) =>
        language is not null && Translations.Find(t => t.Language == language) is { } t
            ? (t.Language, t.Title, t.Body)
            : (Languages.SiteLanguages.Default, Title, Body);

    // Publishes the update and hands it to the sending job, which walks the recipients from the
    // first signature id. The total is an estimate for the progress bar: the job re-reads who is
    // still a recipient as it goes (someone may unsubscribe meanwhile).
    public void StartSending(long recipientsTotal, DateTimeOffset now)
    {
        EnsureDraft();
        Status = UpdateStatus.Sending;
        PublishedAt = now;
        RecipientsTotal = recipientsTotal;
        Enqueued = 0;
        Cursor = 0;
        UpdatedAt = now;
    }

    // Stops the job before its next batch; what was already handed to the outbox still goes.
    public void Cancel(DateTimeOffset now)
    {
        if (Status is not (UpdateStatus.Draft or UpdateStatus.Sending))
            throw new InvalidOperationException($"An update that is {Status} cannot be cancelled.");
        Status = UpdateStatus.Cancelled;
        CancelledAt = now;
        FinishedAt ??= now;
        LockedUntil = null;
        UpdatedAt = now;
    }

    // One batch handed to the outbox: the job has passed every signature up to lastSignatureId,
    // and holds the update for another lease.
    public void Advance(long lastSignatureId, long enqueued, DateTimeOffset lockedUntil, DateTimeOffset now)
    {
        EnsureSending();
        Cursor = Math.Max(Cursor, lastSignatureId);
        Enqueued += enqueued;
        LockedUntil = lockedUntil;
        UpdatedAt = now;
    }

    // The cursor has passed the last recipient. The total becomes what was really handed over, so
    // the progress bar ends at its end even if some unsubscribed while the update was being sent.
    public void Finish(DateTimeOffset now)
    {
        EnsureSending();
        Status = UpdateStatus.Sent;
        RecipientsTotal = Enqueued;
        FinishedAt = now;
        LockedUntil = null;
        UpdatedAt = now;
    }

    private void EnsureSending()
    {
        if (Status != UpdateStatus.Sending)
            throw new InvalidOperationException($"An update that is {Status} is not being sent.");
    }

    private void EnsureDraft()
    {
        if (Status != UpdateStatus.Draft)
            throw new InvalidOperationException($"An update that is {Status} cannot be changed.");
    }
}

public sealed class PetitionUpdateTranslation
{
    private PetitionUpdateTranslation() { }

    internal PetitionUpdateTranslation(string language, string title, string body, DateTimeOffset now)
    {
        Language = language;
        Write(title, body, now);
    }

    internal void Write(string title, string body, DateTimeOffset now)
    {
        Title = title.Trim();
        Body = body.Trim();
        UpdatedAt = now;
    }

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
