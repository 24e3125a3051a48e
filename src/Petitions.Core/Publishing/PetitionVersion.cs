namespace Petitions.Core.Publishing;

// A published text exactly as signers saw it. Never changed once written.
public sealed class PetitionVersion
{
    private PetitionVersion() { }

    internal PetitionVersion(int number, PetitionText text, DateTimeOffset createdAt)
    {
        Number = number;
        Title = text.Title;
        Summary = text.Summary;
        Body = text.Body;
        Demands = [.. text.Demands];
        CreatedAt = createdAt;
    }

    public long Id { get; private set; }
    public int PetitionId { get; private set; }
    public int Number { get; private set; }
    public string Title { get; private set; } = "";
    public string Summary { get; private set; } = "";
    public string Body { get; private set; } = "";
    public List<string> Demands { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }
}
