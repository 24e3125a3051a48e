namespace Petitions.Core.Publishing;

// A petition's text in another language, written by staff. Signers whose language has one read it
// instead of the original; the signature records the language (Signature.Language) beside the
// version of the original it was made under.
public sealed class PetitionTranslation
{
    private PetitionTranslation() { }

    internal PetitionTranslation(string language, PetitionText text, DateTimeOffset now)
    {
        Language = language;
        Write(text, now);
    }

    public long Id { get; private set; }
    public int PetitionId { get; private set; }
    public string Language { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string Summary { get; private set; } = "";
    public string Body { get; private set; } = "";
    public List<string> Demands { get; private set; } = [];
    public DateTimeOffset UpdatedAt { get; private set; }

    public PetitionText Text => new(Title, Summary, Body, Demands);

    internal void Write(PetitionText text, DateTimeOffset now)
    {
        Title = text.Title;
        Summary = text.Summary;
        Body = text.Body;
        Demands = [.. text.Demands];
        UpdatedAt = now;
    }
}
