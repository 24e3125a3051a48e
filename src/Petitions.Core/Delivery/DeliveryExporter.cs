using System.Data;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Petitions.Core.Counting;
using Petitions.Core.Data;
using Petitions.Core.Publishing;

namespace Petitions.Core.Delivery;

// Volumes: how many PDF volumes, while the PDF is written.
public sealed record ExportProgress(ExportStage Stage, long Done, long Total, int? Volumes = null)
{
    // For the command line and the log.
    public string InEnglish => Stage switch
    {
        ExportStage.Counting => "Counting and hashing the list",
        ExportStage.WritingCsv => "Writing the CSV",
        ExportStage.WritingStaffCsv => "Writing the staff CSV",
        ExportStage.WritingPdf when Volumes > 1 => $"Writing the PDF in {Volumes} volumes",
        ExportStage.WritingPdf => "Writing the PDF",
        var stage => stage.ToString(),
    };
}

public sealed record ExportResult(IReadOnlyList<string> Files, PackFacts Facts);

// Makes a petition's delivery pack: the public CSV, the staff CSV and the PDF volumes, as asked.
// Every pass over the list runs in one REPEATABLE READ transaction, so the count on the cover,
// the hash, the summary and the list all describe the same signatures even while people go on
// signing. The first pass writes the canonical CSV (to a file, or only through the hash) and
// gathers the summary; the PDF needs both on its first page, so it is drawn in a second pass.
public sealed class DeliveryExporter(PetitionsDbContext db, SignerListQuery query, ReceiptKeys receiptKeys, SignatureCounter counter,
    IOptions<DeliveryOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan ReportEvery = TimeSpan.FromMilliseconds(500);

    // create: opens a new file by name for writing. Returns null when there is no such petition.
    public async Task<ExportResult?> ExportAsync(int petitionId, ExportFormats formats, int volumeSize,
        Func<string, Stream> create, Func<ExportProgress, Task> progress, CancellationToken cancellationToken)
    {
        var petition = await db.Petitions.AsNoTracking().SingleOrDefaultAsync(p => p.Id == petitionId, cancellationToken);
        if (petition is null)
            return null;
        var versions = await db.PetitionVersions.AsNoTracking().Where(v => v.PetitionId == petitionId)
            .OrderBy(v => v.Number).ToListAsync(cancellationToken);

        // Made on first use, so before the read-only transaction.
        await receiptKeys.GetAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await db.Database.ExecuteSqlRawAsync("SET TRANSACTION READ ONLY", cancellationToken);
        // The public count, for the progress bar until the first pass has counted the list itself:
        // counting a million rows just to draw a bar would cost a second.
        var total = await counter.CountAsync(petitionId, cancellationToken);
        var files = new List<string>();

        var facts = new PackFactsBuilder();
        string sha256;
        var csvName = $"{petition.Slug}-signers.csv";
        await using (var csvFile = formats.HasFlag(ExportFormats.Csv) ? create(csvName) : Stream.Null)
        {
            await using var hashing = new HashingStream(csvFile);
            var stage = formats.HasFlag(ExportFormats.Csv) ? ExportStage.WritingCsv : ExportStage.Counting;
            await SignerCsv.WriteAsync(facts.Observe(Reported(query.StreamAsync(petitionId, cancellationToken).Ahead(), stage, null, total, progress)),
                hashing, cancellationToken);
            sha256 = hashing.HashHex();
        }
        if (formats.HasFlag(ExportFormats.Csv))
            files.Add(csvName);
        var packFacts = facts.Build(sha256);
        total = packFacts.Total;

        if (formats.HasFlag(ExportFormats.StaffCsv))
        {
            var staffName = $"{petition.Slug}-signers-staff-only.csv";
            await using (var staffFile = create(staffName))
            {
                await SignerCsv.WriteStaffAsync(Reported(query.StreamForAuditAsync(petitionId, cancellationToken).Ahead(), ExportStage.WritingStaffCsv, null, total, progress),
                    staffFile, cancellationToken);
            }
            files.Add(staffName);
        }

        if (formats.HasFlag(ExportFormats.Pdf))
        {
            var content = Content(petition, versions, packFacts);
            var volumes = DeliveryPdf.VolumeCount(packFacts.Total, volumeSize);
            await new DeliveryPdf(content).WriteAsync(
                Reported(query.StreamAsync(petitionId, cancellationToken).Ahead(), ExportStage.WritingPdf, volumes, total, progress),
                volumeSize,
                (volume, count) =>
                {
                    var name = count == 1 ? $"{petition.Slug}-delivery.pdf" : $"{petition.Slug}-delivery-volume-{volume:D2}-of-{count:D2}.pdf";
                    files.Add(name);
                    return create(name);
                },
                clock.GetUtcNow(),
                cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new ExportResult(files, packFacts);
    }

    private PackContent Content(Petition petition, IReadOnlyList<PetitionVersion> versions, PackFacts facts)
    {
        var organiser = petition.Organiser ?? options.Value.Organiser;
        var date = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var texts = versions.Count == 0
            // Never published: the current text is the only one.
            ? [new PackText(petition.CurrentVersion, null, petition.Title, petition.Summary, PetitionMarkdown.ToPlainText(petition.Body),
                petition.Demands, facts.Total)]
            : versions.Select(v => new PackText(v.Number, v.CreatedAt, v.Title, v.Summary, PetitionMarkdown.ToPlainText(v.Body), v.Demands,
                facts.ByVersion.GetValueOrDefault(v.Number))).ToList();
        var letter = CoverLetter.Fill(petition.CoverLetter, petition.RecipientName, petition.Title, facts.Total, organiser, date);
        return new PackContent(petition.Title, petition.RecipientName, petition.RecipientAddress, organiser, letter, date, texts, facts);
    }

    // Tells the caller how far a pass has got, at most twice a second.
    private static async IAsyncEnumerable<T> Reported<T>(IAsyncEnumerable<T> rows, ExportStage stage, int? volumes, long total,
        Func<ExportProgress, Task> progress,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await progress(new ExportProgress(stage, 0, total, volumes));
        var clock = Stopwatch.StartNew();
        long done = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            yield return row;
            done++;
            if (clock.Elapsed >= ReportEvery)
            {
                await progress(new ExportProgress(stage, done, Math.Max(done, total), volumes));
                clock.Restart();
            }
        }
        await progress(new ExportProgress(stage, done, Math.Max(done, total), volumes));
    }
}
