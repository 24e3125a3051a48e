namespace Petitions.Core.Petitions;

public sealed class Petition
{
    private Petition() { }

    public int Id { get; private set; }
    public string Slug { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string RecipientName { get; private set; } = "";
    public string RecipientAddress { get; private set; } = "";
    public string Summary { get; private set; } = "";
    public string Body { get; private set; } = "";
    public List<string> Demands { get; private set; } = [];
    public int Target { get; private set; }
    public DateTimeOffset? ClosesAt { get; private set; }
    public PetitionStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }

    public static Petition Draft(PetitionText text, int target, DateTimeOffset? closesAt, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(target);
        var petition = new Petition { Status = PetitionStatus.Draft, CreatedAt = now, Target = target, ClosesAt = closesAt };
        petition.Rewrite(text);
        return petition;
    }

    public void Rewrite(PetitionText text)
    {
        if (Status != PetitionStatus.Draft)
            throw new InvalidOperationException("Only a draft can be rewritten.");
        Slug = text.Slug;
        Title = text.Title;
        RecipientName = text.RecipientName;
        RecipientAddress = text.RecipientAddress;
        Summary = text.Summary;
        Body = text.Body;
        Demands = [.. text.Demands];
    }

    public void Publish(DateTimeOffset now)
    {
        if (Status != PetitionStatus.Draft)
            throw new InvalidOperationException($"A petition that is {Status} cannot be published.");
        Status = PetitionStatus.Open;
        PublishedAt = now;
    }

    public void Close(DateTimeOffset now)
    {
        if (Status != PetitionStatus.Open)
            throw new InvalidOperationException($"A petition that is {Status} cannot be closed.");
        Status = PetitionStatus.Closed;
        ClosedAt = now;
    }

    // A petition past its deadline is closed even before anyone marks it so: signing checks this,
    // not the stored status alone.
    public bool IsOpenForSigning(DateTimeOffset now) =>
        Status == PetitionStatus.Open && (ClosesAt is null || now < ClosesAt);
}

public sealed record PetitionText(
    string Slug,
    string Title,
    string RecipientName,
    string RecipientAddress,
    string Summary,
    string Body,
    IReadOnlyList<string> Demands);
