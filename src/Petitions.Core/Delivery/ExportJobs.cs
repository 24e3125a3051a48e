using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Petitions.Core.Audit;
using Petitions.Core.Data;

namespace Petitions.Core.Delivery;

public abstract record ExportStartResult
{
    public sealed record Started(long JobId) : ExportStartResult;
    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : ExportStartResult;
    public sealed record NotFound : ExportStartResult;
}

public sealed record ExportRequest(ExportFormats Formats, int? VolumeSize);

public sealed record ExportFile(string Path, string Name, string ContentType);

// Staff's side of exports: queue one, see how far each has got, download and delete the files,
// and write the cover letter. Starting, downloading and deleting are audited.
public sealed class ExportJobs(
    PetitionsDbContext db,
    SignerListQuery signers,
    AuditLog audit,
    ExportSignal signal,
    IOptions<DeliveryOptions> options,
    TimeProvider clock,
    IStringLocalizer<DeliveryMessages> text)
{
    public int DefaultVolumeSize => options.Value.VolumeSize;

    public async Task<ExportStartResult> StartAsync(int petitionId, ExportRequest request, Actor actor, CancellationToken cancellationToken)
    {
        var slug = await SlugAsync(petitionId, cancellationToken);
        if (slug is null)
            return new ExportStartResult.NotFound();
        var errors = new List<FieldError>();
        if (request.Formats == ExportFormats.None)
            errors.Add(new FieldError(nameof(ExportRequest.Formats), text["Delivery.ChooseFormat"]));
        var volumeSize = request.VolumeSize ?? options.Value.VolumeSize;
        if (volumeSize is < DeliveryRules.MinVolumeSize or > DeliveryRules.MaxVolumeSize)
            errors.Add(new FieldError(nameof(ExportRequest.VolumeSize),
                text["Delivery.VolumeSizeRange", Number(DeliveryRules.MinVolumeSize), Number(DeliveryRules.MaxVolumeSize)]));
        if (errors.Count > 0)
            return new ExportStartResult.Invalid(errors);

        var job = ExportJob.Queue(petitionId, request.Formats, volumeSize, actor.Email, clock.GetUtcNow());
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            db.ExportJobs.Add(job);
            await db.SaveChangesAsync(cancellationToken);
            // The job's id is known only once saved; the audit entry names it, in the same transaction.
            await audit.WriteAsync(actor, AuditActions.ExportStarted, $"petition {slug}",
                $"export {job.Id}: {request.Formats}, {volumeSize:N0} signatures a volume", cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        signal.Notify();
        return new ExportStartResult.Started(job.Id);
    }

    public async Task<IReadOnlyList<ExportJob>> ForPetitionAsync(int petitionId, CancellationToken cancellationToken) =>
        await db.ExportJobs.AsNoTracking().Where(j => j.PetitionId == petitionId).OrderByDescending(j => j.Id).ToListAsync(cancellationToken);

    // Only a file the job itself made can be opened: the name is looked up, never used as a path.
    public async Task<ExportFile?> OpenAsync(int petitionId, long jobId, string name, Actor actor, CancellationToken cancellationToken)
    {
        var job = await db.ExportJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId && j.PetitionId == petitionId, cancellationToken);
        if (job is not { Status: ExportStatus.Done } || !job.Files.Contains(name))
            return null;
        var path = Path.Combine(options.Value.ExportDirectory, job.Folder, name);
        if (!File.Exists(path))
            return null;
        var slug = await SlugAsync(petitionId, cancellationToken);
        await audit.WriteAsync(actor, AuditActions.ExportDownloaded, $"petition {slug}", $"export {job.Id}: {name}", cancellationToken);
        return new ExportFile(path, name, name.EndsWith(".pdf", StringComparison.Ordinal) ? "application/pdf" : "text/csv; charset=utf-8");
    }

    public async Task<bool> DeleteAsync(int petitionId, long jobId, Actor actor, CancellationToken cancellationToken)
    {
        var job = await db.ExportJobs.SingleOrDefaultAsync(j => j.Id == jobId && j.PetitionId == petitionId, cancellationToken);
        if (job is null)
            return false;
        var slug = await SlugAsync(petitionId, cancellationToken);
        db.ExportJobs.Remove(job);
        audit.Record(actor, AuditActions.ExportDeleted, $"petition {slug}", $"export {job.Id}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Deleted from another tab between our read and our delete: already done, and
            // recorded by that request; this one saved nothing.
            return false;
        }
        // A running job notices its row is gone at its next progress report and stops; its files
        // are removed by it. A finished job's files go now.
        var folder = Path.Combine(options.Value.ExportDirectory, job.Folder);
        if (job.IsFinished && Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
        return true;
    }

    // Streams a CSV of the list straight from the database to the caller's stream, for a download
    // that needs no job. The staff file holds personal data and is audited like any download.
    public async Task<string?> StreamCsvAsync(int petitionId, bool staffOnly, Stream output, Actor actor, CancellationToken cancellationToken)
    {
        var slug = await SlugAsync(petitionId, cancellationToken);
        if (slug is null)
            return null;
        await audit.WriteAsync(actor, AuditActions.ExportDownloaded, $"petition {slug}",
            staffOnly ? "staff-only CSV, streamed" : "CSV, streamed", cancellationToken);
        if (staffOnly)
            await SignerCsv.WriteStaffAsync(signers.StreamForAuditAsync(petitionId, cancellationToken), output, cancellationToken);
        else
            await SignerCsv.WriteAsync(signers.StreamAsync(petitionId, cancellationToken), output, cancellationToken);
        return slug;
    }

    public async Task<string?> SlugAsync(int petitionId, CancellationToken cancellationToken) =>
        await db.Petitions.AsNoTracking().Where(p => p.Id == petitionId).Select(p => p.Slug).SingleOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<FieldError>?> WriteCoverLetterAsync(int petitionId, string? organiser, string? letter, Actor actor,
        CancellationToken cancellationToken)
    {
        var petition = await db.Petitions.SingleOrDefaultAsync(p => p.Id == petitionId, cancellationToken);
        if (petition is null)
            return null;
        var errors = new List<FieldError>();
        if ((organiser?.Trim().Length ?? 0) > DeliveryRules.OrganiserMaxLength)
            errors.Add(new FieldError("Organiser", text["Delivery.OrganiserTooLong", Number(DeliveryRules.OrganiserMaxLength)]));
        if ((letter?.Trim().Length ?? 0) > DeliveryRules.CoverLetterMaxLength)
            errors.Add(new FieldError("CoverLetter", text["Delivery.LetterTooLong", Number(DeliveryRules.CoverLetterMaxLength)]));
        if (errors.Count > 0)
            return errors;
        petition.WriteCoverLetter(organiser, letter);
        audit.Record(actor, AuditActions.PetitionEdited, $"petition {petition.Slug}", "delivery cover letter changed");
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    // A number in a message is written the reader's way: "10,000", "10.000", "10 000".
    private static string Number(int value) => value.ToString("N0", CultureInfo.CurrentCulture);
}
