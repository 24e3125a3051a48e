using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Petitions.Core.Delivery;
using Petitions.Core.Publishing;
using Petitions.Web.Pages;
using Petitions.Web.Staff;

namespace Petitions.Web.Areas.Admin.Pages.Delivery;

// A photo a little over the limit still arrives, to be told the limit at its field, rather than
// meeting the site-wide limit on request bodies (RequestLimits) and a bare error page.
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class RecordModel(DeliveryRecords records, IStringLocalizer<DeliveryPageText> text) : FormPageModel
{
    private const long MaxRequestBytes = 32 * 1024 * 1024;

    [BindProperty]
    public RecordInput Input { get; set; } = new();

    [BindProperty]
    public ResponseInput Reply { get; set; } = new();

    [BindProperty(Name = "photo")]
    public IFormFile? Photo { get; set; }

    public DeliveryRecordPage Record { get; private set; } = null!;
    public Petition Petition => Record.Petition;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
            return NotFound();
        Input = RecordInput.From(Record);
        Reply = ResponseInput.From(Petition);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        // A file chosen but empty arrives with its name, and is refused; no file chosen arrives as null.
        await using var content = Photo?.OpenReadStream();
        var request = Input.ToRequest(content is null ? null : new PhotoUpload(content, Photo!.Length));
        switch (await records.RecordAsync(id, request, HttpContext.Actor(), cancellationToken))
        {
            case DeliveryRecordResult.Saved saved:
                TempData["Notice"] = saved.Message;
                return RedirectToPage(new { id });
            case DeliveryRecordResult.Invalid invalid:
                // The file chooser cannot be refilled, so its error sits at its own field.
                foreach (var error in invalid.Errors)
                    AddError(error.Field switch { "" => "", nameof(DeliveryRecordRequest.Photo) => "photo", var field => "Input." + field }, error.Message);
                if (!await LoadAsync(id, cancellationToken))
                    return NotFound();
                Reply = ResponseInput.From(Petition);
                return Page();
            default:
                return NotFound();
        }
    }

    public async Task<IActionResult> OnPostResponseAsync(int id, CancellationToken cancellationToken)
    {
        switch (await records.RecordResponseAsync(id, Reply.ToRequest(), HttpContext.Actor(), cancellationToken))
        {
            case DeliveryRecordResult.Saved saved:
                TempData["Notice"] = saved.Message;
                return RedirectToPage(new { id });
            case DeliveryRecordResult.Invalid invalid:
                AddErrors(invalid.Errors, "Reply.");
                if (!await LoadAsync(id, cancellationToken))
                    return NotFound();
                Input = RecordInput.From(Record);
                return Page();
            default:
                return NotFound();
        }
    }

    public string ExportLabel(DeliverableExport export) =>
        text["Record.ExportOption", export.Id, Core.Languages.SiteLanguages.Current.DateAndTime(export.FinishedAt), ExportNumber(export.SignatureCount)];

    public static string ExportNumber(long value) => value.ToString("N0", System.Globalization.CultureInfo.CurrentCulture);

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var found = await records.LoadAsync(id, cancellationToken);
        if (found is null)
            return false;
        Record = found;
        return true;
    }

    public sealed class RecordInput
    {
        public DateOnly? On { get; set; }
        public string? Place { get; set; }
        public string? By { get; set; }
        public long? ExportJobId { get; set; }
        public bool RemovePhoto { get; set; }

        // A delivery on record is shown as it stands, to be corrected; a new one starts from
        // today and the newest export, which is what is usually handed over.
        public static RecordInput From(DeliveryRecordPage record) => new()
        {
            On = record.Petition.DeliveredOn ?? DateOnly.FromDateTime(DateTime.UtcNow),
            Place = record.Petition.DeliveryPlace,
            By = record.Petition.DeliveredBy,
            ExportJobId = record.Petition.DeliveredExportJobId ?? record.Exports.FirstOrDefault()?.Id,
        };

        public DeliveryRecordRequest ToRequest(PhotoUpload? photo) => new()
        {
            On = On, Place = Place, By = By, ExportJobId = ExportJobId, Photo = photo, RemovePhoto = RemovePhoto,
        };
    }

    public sealed class ResponseInput
    {
        public ResponseKind? Kind { get; set; }
        public string? Text { get; set; }
        public DateOnly? On { get; set; }

        public static ResponseInput From(Petition petition) => new()
        {
            Kind = petition.NoResponseBy is not null ? ResponseKind.NoResponse : ResponseKind.Response,
            Text = petition.ResponseText,
            On = petition.RespondedOn ?? petition.NoResponseBy,
        };

        public ResponseRequest ToRequest() => new() { Kind = Kind, Text = Text, On = On };
    }
}
