using Petitions.Core.Delivery;

namespace Petitions.Core.Publishing;

public sealed class Petition
{
    private Petition() { }

    public int Id { get; private set; }
    public string Slug { get; private set; } = "";
    public string RecipientName { get; private set; } = "";
    public string RecipientAddress { get; private set; } = "";
    public int Target { get; private set; }
    public DateTimeOffset? ClosesAt { get; private set; }
    public FieldMode CityField { get; private set; } = FieldMode.Optional;
    public FieldMode CommentField { get; private set; } = FieldMode.Optional;

    // The text signers see now. Once published, it is also kept as a numbered version, and any
    // change makes a new version: a signature records the version its signer read.
    public string Title { get; private set; } = "";
    public string Summary { get; private set; } = "";
    public string Body { get; private set; } = "";
    public List<string> Demands { get; private set; } = [];
    public int CurrentVersion { get; private set; }
    public List<PetitionVersion> Versions { get; private set; } = [];

    // The text in other languages, at most one a language. Not versioned: the original's version
    // is what a signature records, with the language its signer read it in.
    public List<PetitionTranslation> Translations { get; private set; } = [];

    public PetitionStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public DateOnly? DeliveredOn { get; private set; }

    // What was delivered, kept on the petition because retention later anonymises the signers
    // and staff may delete the export files: the total and the SHA-256 of the signer list stay
    // checkable against the copy the recipient holds. Null hash: no export was made before.
    public long? DeliveredSignatureCount { get; private set; }
    public string? DeliveredSha256 { get; private set; }

    // The delivery on record, shown on the public page: where the petition was handed over, by
    // whom, and which export was handed over (its signer list's SHA-256 is DeliveredSha256). The
    // photo, if any, is a DeliveryPhoto row of its own, so that the snapshot never carries it.
    public string? DeliveryPlace { get; private set; }
    public string? DeliveredBy { get; private set; }
    public long? DeliveredExportJobId { get; private set; }

    // The recipient's answer, once there is one: its text and date, or the date by which none had
    // come ("no response received by ...").
    public string? ResponseText { get; private set; }
    public DateOnly? RespondedOn { get; private set; }
    public DateOnly? NoResponseBy { get; private set; }

    // When retention finished anonymising this petition's signers (Privacy/RetentionJob), so
    // that later runs skip it.
    public DateTimeOffset? SignersAnonymisedAt { get; private set; }

    // The delivery pack's cover letter and who signs it; null means the default letter and the
    // site's name. See Delivery/CoverLetter.
    public string? CoverLetter { get; private set; }
    public string? Organiser { get; private set; }

    public static Petition Draft(PetitionText text, PetitionSettings settings, DateTimeOffset now)
    {
        var petition = new Petition { Status = PetitionStatus.Draft, CreatedAt = now, Slug = settings.Slug };
        petition.Configure(settings);
        petition.SetText(text);
        return petition;
    }

    // Slug, recipient, target, deadline and form fields. The slug is fixed once published,
    // because links to the petition have been shared.
    public void Configure(PetitionSettings settings)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(settings.Target);
        if (Status == PetitionStatus.Draft)
            Slug = settings.Slug;
        else if (settings.Slug != Slug)
            throw new InvalidOperationException("The address of a published petition cannot change.");
        RecipientName = settings.RecipientName;
        RecipientAddress = settings.RecipientAddress;
        Target = settings.Target;
        ClosesAt = settings.ClosesAt;
        CityField = settings.CityField;
        CommentField = settings.CommentField;
    }

    // Returns true when the change made a new version of a published text.
    public bool Rewrite(PetitionText text, DateTimeOffset now)
    {
        if (text == CurrentText)
            return false;
        SetText(text);
        if (Status == PetitionStatus.Draft)
            return false;
        AddVersion(now);
        return true;
    }

    public PetitionText CurrentText => new(Title, Summary, Body, Demands);

    // Adds or replaces the translation into a language; the petition's translations must be loaded.
    public void Translate(string language, PetitionText text, DateTimeOffset now)
    {
        if (Languages.SiteLanguages.Find(language) is not { } found)
            throw new ArgumentException($"The site has no language '{language}'.", nameof(language));
        if (Translations.Find(t => t.Language == found.Tag) is { } existing)
            existing.Write(text, now);
        else
            Translations.Add(new PetitionTranslation(found.Tag, text, now));
    }

    // Returns false when there was none.
    public bool RemoveTranslation(string language) => Translations.RemoveAll(t => t.Language == language) > 0;

    public void Publish(DateTimeOffset now)
    {
        if (Status != PetitionStatus.Draft)
            throw new InvalidOperationException($"A petition that is {Status} cannot be published.");
        Status = PetitionStatus.Open;
        PublishedAt = now;
        AddVersion(now);
    }

    public void Close(DateTimeOffset now)
    {
        if (Status != PetitionStatus.Open)
            throw new InvalidOperationException($"A petition that is {Status} cannot be closed.");
        Status = PetitionStatus.Closed;
        ClosedAt = now;
    }

    public void MarkDelivered(DateOnly on, DateTimeOffset now, DeliveryRecord? record = null)
    {
        if (Status is PetitionStatus.Draft)
            throw new InvalidOperationException("A draft cannot be delivered.");
        if (Status == PetitionStatus.Open)
            Close(now);
        Status = PetitionStatus.Delivered;
        DeliveredOn = on;
        if (record is not null)
        {
            DeliveredSignatureCount = record.SignatureCount;
            DeliveredSha256 = record.Sha256;
        }
    }

    // The full record of a handover: MarkDelivered's transition (closing an open petition) with
    // where, by whom and which export. Called again on a delivered petition, it corrects the record.
    public void RecordDelivery(DeliveryDetails details, DateTimeOffset now)
    {
        MarkDelivered(details.On, now, new DeliveryRecord(details.SignatureCount, details.Sha256));
        DeliveryPlace = details.Place;
        DeliveredBy = details.By;
        DeliveredExportJobId = details.ExportJobId;
    }

    // A response and a "no response received by" line replace each other: the page shows one.
    public void RecordResponse(string text, DateOnly on)
    {
        if (Status != PetitionStatus.Delivered)
            throw new InvalidOperationException("Only a delivered petition has a response.");
        ResponseText = text;
        RespondedOn = on;
        NoResponseBy = null;
    }

    public void RecordNoResponse(DateOnly by)
    {
        if (Status != PetitionStatus.Delivered)
            throw new InvalidOperationException("Only a delivered petition awaits a response.");
        ResponseText = null;
        RespondedOn = null;
        NoResponseBy = by;
    }

    public void WriteCoverLetter(string? organiser, string? letter)
    {
        Organiser = string.IsNullOrWhiteSpace(organiser) ? null : organiser.Trim();
        CoverLetter = string.IsNullOrWhiteSpace(letter) ? null : letter.Trim().Replace("\r\n", "\n");
    }

    // A petition past its deadline is closed even before anyone marks it so: signing checks this,
    // not the stored status alone.
    public bool IsOpenForSigning(DateTimeOffset now) => IsOpenForSigning(Status, ClosesAt, now);

    public static bool IsOpenForSigning(PetitionStatus status, DateTimeOffset? closesAt, DateTimeOffset now) =>
        status == PetitionStatus.Open && (closesAt is null || now < closesAt);

    // When the petition stopped taking signatures: at its deadline or when staff closed it,
    // whichever came first. Null while neither has happened.
    public static DateTimeOffset? EndOf(DateTimeOffset? closesAt, DateTimeOffset? closedAt) =>
        closesAt is null ? closedAt : closedAt is null ? closesAt : closesAt < closedAt ? closesAt : closedAt;

    // Whether a pending signature confirmed now still counts. A supporter who signed before the
    // end may read the email after it, so confirming stays open for a grace period; once the
    // petition is delivered its count is what was handed over, and nothing more counts.
    // ConfirmationService repeats this rule in its confirming statement, so that a confirmation
    // racing a close or a delivery is decided by the database. Written as a difference, which
    // fits any two dates: a deadline stored at the calendar's end plus the grace would not.
    public static bool TakesConfirmation(
        PetitionStatus status, DateTimeOffset? closesAt, DateTimeOffset? closedAt, DateTimeOffset now, TimeSpan grace) =>
        status != PetitionStatus.Delivered && (EndOf(closesAt, closedAt) is not { } end || now - end < grace);

    private void SetText(PetitionText text)
    {
        Title = text.Title;
        Summary = text.Summary;
        Body = text.Body;
        Demands = [.. text.Demands];
    }

    private void AddVersion(DateTimeOffset now)
    {
        CurrentVersion++;
        Versions.Add(new PetitionVersion(CurrentVersion, CurrentText, now));
    }
}

public sealed record PetitionText(string Title, string Summary, string Body, IReadOnlyList<string> Demands)
{
    public bool Equals(PetitionText? other) =>
        other is not null && Title == other.Title && Summary == other.Summary && Body == other.Body
        && Demands.SequenceEqual(other.Demands);

    public override int GetHashCode() => HashCode.Combine(Title, Summary, Body, Demands.Count);
}

public sealed record DeliveryRecord(long SignatureCount, string? Sha256);

public sealed record DeliveryDetails(DateOnly On, string Place, string By, long ExportJobId, long SignatureCount, string Sha256);

public sealed record PetitionSettings(
    string Slug,
    string RecipientName,
    string RecipientAddress,
    int Target,
    DateTimeOffset? ClosesAt,
    FieldMode CityField = FieldMode.Optional,
    FieldMode CommentField = FieldMode.Optional);

// Whether an optional field of the sign form is shown, and whether it must be filled in.
public enum FieldMode
{
    Hidden,
    Optional,
    Required,
}
