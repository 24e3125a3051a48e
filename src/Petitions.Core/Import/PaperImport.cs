using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;
using Petitions.Core.Audit;
using Petitions.Core.Counting;
using Petitions.Core.Data;
using Petitions.Core.Data.Configurations;
using Petitions.Core.Languages;
using Petitions.Core.Publishing;
using Petitions.Core.Signing;
using Petitions.Core.Text;

namespace Petitions.Core.Import;

public sealed record ImportPetition(int Id, string Title, PetitionStatus Status);

public sealed record ImportBatchSummary(Guid Id, string FileName, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? CommittedAt, int ImportedCount);

public sealed record ImportStart(ImportPetition Petition, IReadOnlyList<ImportBatchSummary> Recent);

public sealed record ImportReport(
    ImportPetition Petition, Guid BatchId, string FileName, string CreatedBy, DateTimeOffset CreatedAt,
    IReadOnlyList<ImportRow> Rows, DateTimeOffset? CommittedAt, int ImportedCount)
{
    public int Count(ImportRowOutcome outcome) => Rows.Count(r => r.Outcome == outcome);
}

public abstract record ImportReadResult
{
    public sealed record Read(Guid BatchId) : ImportReadResult;
    public sealed record Refused(string Message) : ImportReadResult;
    public sealed record NotFound : ImportReadResult;
}

public abstract record ImportCommitResult
{
    // SignedSince: rows that were ready in the report, but whose address signed before the commit.
    public sealed record Committed(int Imported, int SignedSince) : ImportCommitResult;
    public sealed record AlreadyCommitted(DateTimeOffset At, int Imported) : ImportCommitResult;
    public sealed record NothingToImport : ImportCommitResult;
    public sealed record Refused(string Message) : ImportCommitResult;
    public sealed record NotFound : ImportCommitResult;
}

// Paper signatures in two steps: reading a CSV stores every row with its verdict and changes no
// signature, so staff see the report first; committing imports the ready rows, once.
public sealed class PaperImport(
    PetitionsDbContext db, SignatureCounter counter, PetitionSnapshots snapshots, AuditLog audit, TimeProvider clock, IStringLocalizer<ImportMessages> text)
{
    public async Task<ImportStart?> StartAsync(int petitionId, CancellationToken cancellationToken)
    {
        var petition = await PetitionAsync(petitionId, cancellationToken);
        if (petition is null)
            return null;
        var recent = await db.ImportBatches.AsNoTracking().Where(b => b.PetitionId == petitionId)
            .OrderByDescending(b => b.CreatedAt).Take(10)
            .Select(b => new ImportBatchSummary(b.Id, b.FileName, b.CreatedBy, b.CreatedAt, b.CommittedAt, b.ImportedCount))
            .ToListAsync(cancellationToken);
        return new ImportStart(petition, recent);
    }

    public async Task<ImportReadResult> ReadAsync(int petitionId, string? fileName, Stream? content, Actor actor, CancellationToken cancellationToken)
    {
        var petition = await PetitionAsync(petitionId, cancellationToken);
        if (petition is null)
            return new ImportReadResult.NotFound();
        if (petition.Status == PetitionStatus.Draft)
            return new ImportReadResult.Refused(text["Import.DraftPetition"]);
        if (await counter.DeliveredAsync(petitionId, cancellationToken) is { } delivered)
            return new ImportReadResult.Refused(Frozen(delivered));
        if (content is null || string.IsNullOrWhiteSpace(fileName))
            return new ImportReadResult.Refused(text["Import.NoFile"]);

        var bytes = await ReadAtMostAsync(content, PaperCsv.MaxBytes + 1, cancellationToken);
        if (bytes.Length > PaperCsv.MaxBytes)
            return new ImportReadResult.Refused(text["Import.FileTooLarge", PaperCsv.MaxBytes / 1024 / 1024]);
        if (bytes.Length == 0)
            return new ImportReadResult.Refused(text["Import.FileEmpty"]);

        var parsed = PaperCsv.Read(bytes, text);
        if (parsed is PaperCsv.Result.Refused refused)
            return new ImportReadResult.Refused(refused.Message);
        var rows = ((PaperCsv.Result.Read)parsed).Rows;

        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var checkedRows = rows.Select(row => PaperRowCheck.Check(row, today, text)).ToList();
        var signed = await SignedAlreadyAsync(petitionId, checkedRows.Select(c => c.NormalizedEmail), cancellationToken);

        // The first ready row with an address wins; later rows with the same address, and rows
        // whose address has signed already, online or on paper, are duplicates.
        var firstLine = new Dictionary<string, int>();
        var verdicts = new List<ImportRow>(checkedRows.Count);
        foreach (var (row, email, _) in checkedRows)
        {
            if (email is null)
                verdicts.Add(row);
            else if (signed.TryGetValue(email, out var existing))
                verdicts.Add(row with { Outcome = ImportRowOutcome.Duplicate, Problem = existing.Source == SignatureSource.Paper
                    ? text["Import.SignedOnPaper", existing.Id]
                    : text["Import.SignedOnline", existing.Id] });
            else if (firstLine.TryGetValue(email, out var line))
                verdicts.Add(row with { Outcome = ImportRowOutcome.Duplicate, Problem = text["Import.SameEmailAs", line] });
            else
            {
                firstLine[email] = row.Line;
                verdicts.Add(row);
            }
        }

        var batch = new ImportBatch(petitionId, SafeFileName(fileName), verdicts, actor.Email, now);
        db.ImportBatches.Add(batch);
        await db.SaveChangesAsync(cancellationToken);
        return new ImportReadResult.Read(batch.Id);
    }

    public async Task<ImportReport?> ReportAsync(int petitionId, Guid batchId, CancellationToken cancellationToken)
    {
        var batch = await db.ImportBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == batchId && b.PetitionId == petitionId, cancellationToken);
        var petition = await PetitionAsync(petitionId, cancellationToken);
        if (batch is null || petition is null)
            return null;
        return new ImportReport(petition, batch.Id, batch.FileName, batch.CreatedBy, batch.CreatedAt,
            batch.Rows.OrderBy(r => r.Line).ToArray(), batch.CommittedAt, batch.ImportedCount);
    }

    public async Task<ImportCommitResult> CommitAsync(int petitionId, Guid batchId, Actor actor, CancellationToken cancellationToken)
    {
        // Someone signing online with one of the addresses between the check below and the
        // insert trips the unique index; the whole commit is then rolled back and tried again,
        // and the second check finds that signature.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await CommitOnceAsync(petitionId, batchId, actor, cancellationToken);
            }
            catch (DbUpdateException ex) when (attempt < 3 && ex.InnerException is PostgresException
            {
                SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: SignatureConfiguration.UniqueEmailPerPetition,
            })
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<ImportCommitResult> CommitOnceAsync(int petitionId, Guid batchId, Actor actor, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The row lock makes a second commit of the same batch, even a simultaneous one, wait
        // for the first and then find it committed.
        var batch = await db.ImportBatches
            .FromSql($"SELECT * FROM import_batches WHERE id = {batchId} AND petition_id = {petitionId} FOR UPDATE")
            .SingleOrDefaultAsync(cancellationToken);
        if (batch is null)
            return new ImportCommitResult.NotFound();
        if (batch.CommittedAt is { } committedAt)
            return new ImportCommitResult.AlreadyCommitted(committedAt, batch.ImportedCount);
        // The report may have been read before the petition was delivered.
        if (await counter.DeliveredAsync(petitionId, cancellationToken) is { } delivered)
            return new ImportCommitResult.Refused(Frozen(delivered));

        var ready = batch.Rows.Where(r => r.Outcome == ImportRowOutcome.Ready).ToList();
        if (ready.Count == 0)
            return new ImportCommitResult.NothingToImport();

        var petition = await db.Petitions.AsNoTracking().SingleAsync(p => p.Id == petitionId, cancellationToken);
        var signed = await SignedAlreadyAsync(petitionId, ready.Select(r => NormalizedEmailOf(r)), cancellationToken);
        var now = clock.GetUtcNow();
        var imported = 0;
        var signedSince = 0;
        foreach (var row in ready)
        {
            var email = NormalizedEmailOf(row);
            if (email is not null && signed.ContainsKey(email))
            {
                batch.MarkSignedSince(row.Line, text["Import.SignedSince"]);
                signedSince++;
                continue;
            }
            var paper = new PaperSignature(row.Name, row.Email, row.Country, row.City, DateOnly.ParseExact(row.Date!, "yyyy-MM-dd"));
            db.Signatures.Add(Signature.FromPaper(petition.Id, petition.CurrentVersion, paper, email, now));
            imported++;
        }

        batch.MarkCommitted(imported, now);
        audit.Record(actor, AuditActions.SignaturesImported, $"petition:{petitionId}", JsonSerializer.Serialize(
            new { count = imported, batch = batch.Id, file = batch.FileName, signedSince }, JsonSerializerOptions.Web));
        await db.SaveChangesAsync(cancellationToken);
        // Paper signatures are confirmed from the start, so every one counts.
        if (imported > 0)
            await counter.AddAsync(petitionId, imported, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (imported > 0)
            snapshots.Changed(petitionId);
        return new ImportCommitResult.Committed(imported, signedSince);
    }

    private string Frozen(DeliveredCount delivered) =>
        text["Import.CountFrozen", SiteLanguages.Current.Date(delivered.On), delivered.Count.ToString("N0", CultureInfo.CurrentCulture)];

    private async Task<Dictionary<string, (long Id, SignatureSource Source)>> SignedAlreadyAsync(
        int petitionId, IEnumerable<string?> normalizedEmails, CancellationToken cancellationToken)
    {
        var emails = normalizedEmails.OfType<string>().Distinct().ToArray();
        if (emails.Length == 0)
            return [];
        var found = await db.Signatures.AsNoTracking()
            .Where(s => s.PetitionId == petitionId && s.NormalizedEmail != null && emails.Contains(s.NormalizedEmail))
            .Select(s => new { s.NormalizedEmail, s.Id, s.Source })
            .ToListAsync(cancellationToken);
        return found.ToDictionary(s => s.NormalizedEmail!, s => (s.Id, s.Source));
    }

    private async Task<ImportPetition?> PetitionAsync(int petitionId, CancellationToken cancellationToken) =>
        await db.Petitions.AsNoTracking().Where(p => p.Id == petitionId)
            .Select(p => new ImportPetition(p.Id, p.Title, p.Status))
            .SingleOrDefaultAsync(cancellationToken);

    private static string? NormalizedEmailOf(ImportRow row) => row.Email is null ? null : EmailAddresses.Normalize(row.Email);

    private static string SafeFileName(string fileName)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/')).Trim();
        return name.Length <= 260 ? name : name[..260];
    }

    private static async Task<byte[]> ReadAtMostAsync(Stream content, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while (buffer.Length < limit && (read = await content.ReadAsync(chunk, cancellationToken)) > 0)
            buffer.Write(chunk, 0, read);
        return buffer.ToArray();
    }
}
