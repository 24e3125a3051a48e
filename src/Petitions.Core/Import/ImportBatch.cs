namespace Petitions.Core.Import;

// A CSV of paper signatures, read and checked but not yet committed: staff see the row-by-row
// report first, and only then import the rows that passed.
public sealed class ImportBatch
{
    private ImportBatch() { }

    public ImportBatch(int petitionId, string fileName, List<ImportRow> rows, string createdBy, DateTimeOffset now)
    {
        PetitionId = petitionId;
        FileName = fileName;
        Rows = rows;
        CreatedBy = createdBy;
        CreatedAt = now;
    }

    public Guid Id { get; private set; } = Guid.NewGuid();
    public int PetitionId { get; private set; }
    public string FileName { get; private set; } = "";
    public List<ImportRow> Rows { get; private set; } = [];
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? CommittedAt { get; private set; }
    public int ImportedCount { get; private set; }

    // A row that was ready when the file was read, but whose address has signed since.
    public void MarkSignedSince(int line, string problem)
    {
        var index = Rows.FindIndex(r => r.Line == line);
        Rows[index] = Rows[index] with { Outcome = ImportRowOutcome.Duplicate, Problem = problem };
    }

    public void MarkCommitted(int imported, DateTimeOffset now)
    {
        if (CommittedAt is not null)
            throw new InvalidOperationException("This import has already been committed.");
        CommittedAt = now;
        ImportedCount = imported;
    }
}

public sealed record ImportRow(int Line, string Name, string? Email, string Country, string? City, string? Date, ImportRowOutcome Outcome, string? Problem);

public enum ImportRowOutcome
{
    Ready,
    Invalid,
    Duplicate,
}
