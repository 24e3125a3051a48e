using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Petitions.Core.Audit;
using Petitions.Core.Data;
using Petitions.Core.Languages;
using Petitions.Core.Publishing;

namespace Petitions.Core.Delivery;

public abstract record DeliveryRecordResult
{
    public sealed record Saved(string Message) : DeliveryRecordResult;
    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : DeliveryRecordResult;
    public sealed record NotFound : DeliveryRecordResult;
}

// A finished export staff may say they handed over.
public sealed record DeliverableExport(long Id, DateTimeOffset FinishedAt, long SignatureCount, string Sha256);

public sealed record DeliveryPhotoInfo(int Width, int Height, DateTimeOffset UploadedAt);

public sealed record DeliveryRecordPage(Petition Petition, IReadOnlyList<DeliverableExport> Exports, DeliveryPhotoInfo? Photo);

public sealed record DeliveryPhotoFile(byte[] Jpeg, DateTimeOffset UploadedAt);

// The delivery on record: where, when and by whom a petition was handed over, which export, a
// photo, and later the recipient's response. Every change is audited in its own transaction.
//
// A delivery needs a finished export. What the public page promises is a list anyone holding it
// can check against the hash shown; recording a delivery without one would show a count nobody
// can check, so staff are sent to make the delivery pack first.
public sealed class DeliveryRecords(
    PetitionsDbContext db,
    IValidator<DeliveryRecordRequest> deliveryValidator,
    IValidator<ResponseRequest> responseValidator,
    AuditLog audit,
    PetitionSnapshots snapshots,
    TimeProvider clock,
    IOptions<DeliveryOptions> options,
    IStringLocalizer<DeliveryRecordMessages> text)
{
    public async Task<DeliveryRecordPage?> LoadAsync(int petitionId, CancellationToken cancellationToken)
    {
        var petition = await db.Petitions.AsNoTracking().SingleOrDefaultAsync(p => p.Id == petitionId, cancellationToken);
        if (petition is null)
            return null;
        var photo = await db.DeliveryPhotos.AsNoTracking().Where(p => p.PetitionId == petitionId)
            .Select(p => new DeliveryPhotoInfo(p.Width, p.Height, p.UploadedAt)).SingleOrDefaultAsync(cancellationToken);
        return new DeliveryRecordPage(petition, await ExportsAsync(petitionId, cancellationToken), photo);
    }

    public async Task<DeliveryRecordResult> RecordAsync(int petitionId, DeliveryRecordRequest request, Actor actor, CancellationToken cancellationToken)
    {
        var petition = await db.Petitions.SingleOrDefaultAsync(p => p.Id == petitionId, cancellationToken);
        if (petition is null)
            return new DeliveryRecordResult.NotFound();
        if (petition.Status == PetitionStatus.Draft)
            return Invalid("", text["Record.Draft"]);

        var validation = await deliveryValidator.ValidateAsync(request, cancellationToken);
        var errors = validation.Errors.Select(e => new FieldError(e.PropertyName, e.ErrorMessage)).ToList();

        var exports = await ExportsAsync(petitionId, cancellationToken);
        var export = exports.FirstOrDefault(e => e.Id == request.ExportJobId);
        if (exports.Count == 0)
        {
            // There is nothing to choose: the page shows no choice, only the way to make one.
            errors.RemoveAll(e => e.Field == nameof(request.ExportJobId));
            errors.Insert(0, new FieldError("", text["Record.NoExport"]));
        }
        else if (request.ExportJobId is not null && export is null)
            errors.Add(new FieldError(nameof(request.ExportJobId), text["Record.ExportUnknown"]));

        PhotoReadResult.Read? photo = null;
        if (request.Photo is { } upload && !request.RemovePhoto)
        {
            if (await ReadPhotoAsync(upload, cancellationToken) is { } read)
                photo = read;
            else
                errors.Add(new FieldError(nameof(request.Photo), text["Record.PhotoRefused", options.Value.PhotoMaxBytes / (1024 * 1024)]));
        }
        if (errors.Count > 0)
            return new DeliveryRecordResult.Invalid(errors);

        var now = clock.GetUtcNow();
        var wasDelivered = petition.Status == PetitionStatus.Delivered;
        var place = request.Place!.Trim();
        var by = request.By!.Trim();
        petition.RecordDelivery(new DeliveryDetails(request.On!.Value, place, by, export!.Id, export.SignatureCount, export.Sha256), now);

        var existing = await db.DeliveryPhotos.SingleOrDefaultAsync(p => p.PetitionId == petitionId, cancellationToken);
        var photoChange = "";
        if (request.RemovePhoto && existing is not null)
        {
            db.DeliveryPhotos.Remove(existing);
            photoChange = "; photo removed";
        }
        else if (photo is not null)
        {
            if (existing is null)
                db.DeliveryPhotos.Add(new DeliveryPhoto(petitionId, photo.Jpeg, photo.Width, photo.Height, now));
            else
                existing.Replace(photo.Jpeg, photo.Width, photo.Height, now);
            photoChange = existing is null ? "; photo added" : "; photo replaced";
        }

        audit.Record(actor, AuditActions.PetitionDelivered, $"petition {petition.Slug}",
            $"{(wasDelivered ? "delivery corrected" : "delivery recorded")}: {request.On:yyyy-MM-dd} at {place}, by {by}; export {export.Id} ({export.SignatureCount} signatures, SHA-256 {export.Sha256}){photoChange}");
        await db.SaveChangesAsync(cancellationToken);
        snapshots.Changed(petitionId);
        return new DeliveryRecordResult.Saved(wasDelivered ? text["Record.Corrected"] : text["Record.Recorded", SiteLanguages.Current.Date(request.On!.Value)]);
    }

    public async Task<DeliveryRecordResult> RecordResponseAsync(int petitionId, ResponseRequest request, Actor actor, CancellationToken cancellationToken)
    {
        var petition = await db.Petitions.SingleOrDefaultAsync(p => p.Id == petitionId, cancellationToken);
        if (petition is null)
            return new DeliveryRecordResult.NotFound();
        if (petition.Status != PetitionStatus.Delivered)
            return Invalid("", text["Record.NotDelivered"]);

        var validation = await responseValidator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
            return new DeliveryRecordResult.Invalid(validation.Errors.Select(e => new FieldError(e.PropertyName, e.ErrorMessage)).ToArray());

        var on = request.On!.Value;
        if (request.Kind == ResponseKind.Response)
        {
            petition.RecordResponse(request.Text!.Trim().Replace("\r\n", "\n"), on);
            audit.Record(actor, AuditActions.PetitionResponseRecorded, $"petition {petition.Slug}", $"response of {on:yyyy-MM-dd} recorded");
        }
        else
        {
            petition.RecordNoResponse(on);
            audit.Record(actor, AuditActions.PetitionResponseRecorded, $"petition {petition.Slug}", $"no response received by {on:yyyy-MM-dd}");
        }
        await db.SaveChangesAsync(cancellationToken);
        snapshots.Changed(petitionId);
        return new DeliveryRecordResult.Saved(text["Record.ResponseSaved"]);
    }

    // For the public photo route: only a delivered petition's photo is public.
    public Task<DeliveryPhotoFile?> PhotoAsync(string slug, CancellationToken cancellationToken) =>
        db.DeliveryPhotos.AsNoTracking()
            .Where(photo => db.Petitions.Any(p => p.Id == photo.PetitionId && p.Slug == slug && p.Status == PetitionStatus.Delivered))
            .Select(photo => new DeliveryPhotoFile(photo.Jpeg, photo.UploadedAt))
            .SingleOrDefaultAsync(cancellationToken);

    private async Task<PhotoReadResult.Read?> ReadPhotoAsync(PhotoUpload upload, CancellationToken cancellationToken)
    {
        var max = options.Value.PhotoMaxBytes;
        if (upload.Length <= 0 || upload.Length > max)
            return null;
        using var buffer = new MemoryStream((int)upload.Length);
        await upload.Content.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length == 0 || buffer.Length > max)
            return null;
        return DeliveryPhotoImage.Read(buffer.ToArray(), options.Value.PhotoMaxSide) as PhotoReadResult.Read;
    }

    private async Task<IReadOnlyList<DeliverableExport>> ExportsAsync(int petitionId, CancellationToken cancellationToken) =>
        await db.ExportJobs.AsNoTracking()
            .Where(j => j.PetitionId == petitionId && j.Status == ExportStatus.Done && j.Sha256 != null && j.SignatureCount != null && j.FinishedAt != null)
            .OrderByDescending(j => j.FinishedAt).ThenByDescending(j => j.Id)
            .Select(j => new DeliverableExport(j.Id, j.FinishedAt!.Value, j.SignatureCount!.Value, j.Sha256!))
            .ToListAsync(cancellationToken);

    private static DeliveryRecordResult.Invalid Invalid(string field, string message) => new([new FieldError(field, message)]);
}
