namespace Petitions.Core.Publishing;

// What staff type into the petition editor.
public sealed record PetitionForm
{
    public string Slug { get; init; } = "";
    public string Title { get; init; } = "";
    public string RecipientName { get; init; } = "";
    public string RecipientAddress { get; init; } = "";
    public string Summary { get; init; } = "";
    public string Body { get; init; } = "";
    // One demand a line.
    public string Demands { get; init; } = "";
    public int? Target { get; init; }
    public DateOnly? ClosesOn { get; init; }
    public FieldMode CityField { get; init; } = FieldMode.Optional;
    public FieldMode CommentField { get; init; } = FieldMode.Optional;

    // Fields whose text could not be read as a number, date or choice ("abc" as the target,
    // "2026-13-45" as the closing date). They arrive empty, and the validator says so rather than
    // saving a petition with no deadline because the date had a typo.
    public IReadOnlyCollection<string> Unreadable { get; init; } = [];

    public IReadOnlyList<string> DemandList =>
        Demands.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public PetitionText Text => new(Title.Trim(), Summary.Trim(), Body.Trim(), DemandList);

    // The deadline is the end of the chosen day, UTC.
    public PetitionSettings Settings => new(Slug.Trim(), RecipientName.Trim(), RecipientAddress.Trim(), Target ?? 0,
        ClosesOn is { } day ? new DateTimeOffset(day.ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.Zero) : null,
        CityField, CommentField);

    public static PetitionForm From(Petition p) => new()
    {
        Slug = p.Slug,
        Title = p.Title,
        RecipientName = p.RecipientName,
        RecipientAddress = p.RecipientAddress,
        Summary = p.Summary,
        Body = p.Body,
        Demands = string.Join('\n', p.Demands),
        Target = p.Target,
        ClosesOn = p.ClosesAt is { } closes ? DateOnly.FromDateTime(closes.UtcDateTime) : null,
        CityField = p.CityField,
        CommentField = p.CommentField,
    };
}

// What staff type into a petition's translation: its text only; the settings are the petition's.
public sealed record PetitionTranslationForm(string Title, string Summary, string Body, string Demands)
{
    public bool IsEmpty => string.IsNullOrWhiteSpace(Title) && string.IsNullOrWhiteSpace(Summary)
        && string.IsNullOrWhiteSpace(Body) && string.IsNullOrWhiteSpace(Demands);

    public static PetitionTranslationForm From(PetitionTranslation? t) =>
        t is null ? new("", "", "", "") : new(t.Title, t.Summary, t.Body, string.Join('\n', t.Demands));
}
