using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Petitions.Core.Delivery;
using Petitions.Core.Publishing;
using Petitions.Web.Pages;
using Petitions.Web.Staff;

namespace Petitions.Web.Areas.Admin.Pages.Delivery;

public sealed class ExportModel(ExportJobs exports, PetitionAdminQueries queries, IStringLocalizer<DeliveryPageText> text) : FormPageModel
{
    [BindProperty]
    public ExportInput Input { get; set; } = new();

    [BindProperty]
    public LetterInput Letter { get; set; } = new();

    public Petition Petition { get; private set; } = null!;
    public IReadOnlyList<ExportJob> Jobs { get; private set; } = [];

    // While a job is queued or running the page shows how far it has got and a link to look again;
    // export-progress.js, where scripts run, looks again every two seconds by itself.
    public bool InProgress => Jobs.Any(j => !j.IsFinished);

    public string StageOf(ExportJob job) => job.Stage switch
    {
        ExportStage.Starting => text["Export.Stage.Starting"],
        ExportStage.Counting => text["Export.Stage.Counting"],
        ExportStage.WritingCsv => text["Export.Stage.Csv"],
        ExportStage.WritingStaffCsv => text["Export.Stage.StaffCsv"],
        ExportStage.WritingPdf when job.VolumeCount > 1 => text["Export.Stage.PdfVolumes", Number(job.VolumeCount.Value)],
        ExportStage.WritingPdf => text["Export.Stage.Pdf"],
        // Not shown while running: the page tells these by the job's status.
        var stage => stage.ToString(),
    };

    // An unexpected failure has only the exception's message to tell, in English.
    public string ErrorOf(ExportJob job) => job.Failure switch
    {
        ExportFailure.PetitionMissing => text["Export.Error.PetitionGone"],
        ExportFailure.TooManyAttempts => text["Export.Error.TooManyAttempts", Number(ExportJob.MaxAttempts)],
        _ => job.Error ?? "",
    };

    public static string Number(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
            return NotFound();
        Input.VolumeSize = exports.DefaultVolumeSize;
        Letter = LetterInput.From(Petition);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        switch (await exports.StartAsync(id, Input.ToRequest(), HttpContext.Actor(), cancellationToken))
        {
            case ExportStartResult.Started:
                TempData["Notice"] = text["Notice.Started"].Value;
                return RedirectToPage(new { id });
            case ExportStartResult.Invalid invalid:
                AddErrors(invalid.Errors);
                if (!await LoadAsync(id, cancellationToken))
                    return NotFound();
                Letter = LetterInput.From(Petition);
                return Page();
            default:
                return NotFound();
        }
    }

    public async Task<IActionResult> OnPostLetterAsync(int id, CancellationToken cancellationToken)
    {
        // The default letter saved unchanged stays the default, so later improvements to it apply.
        var letter = Letter.CoverLetter?.Replace("\r\n", "\n").Trim() == CoverLetter.Default.Trim() ? null : Letter.CoverLetter;
        var errors = await exports.WriteCoverLetterAsync(id, Letter.Organiser, letter, HttpContext.Actor(), cancellationToken);
        if (errors is null)
            return NotFound();
        if (errors.Count == 0)
        {
            TempData["Notice"] = text["Notice.LetterSaved"].Value;
            return RedirectToPage(new { id });
        }
        foreach (var error in errors)
            AddError($"Letter.{error.Field}", error.Message);
        if (!await LoadAsync(id, cancellationToken))
            return NotFound();
        Input.VolumeSize = exports.DefaultVolumeSize;
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, long job, CancellationToken cancellationToken)
    {
        if (!await exports.DeleteAsync(id, job, HttpContext.Actor(), cancellationToken))
            return NotFound();
        TempData["Notice"] = text["Notice.Deleted"].Value;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnGetDownloadAsync(int id, long job, string file, CancellationToken cancellationToken)
    {
        var found = await exports.OpenAsync(id, job, file ?? "", HttpContext.Actor(), cancellationToken);
        if (found is null)
            return NotFound();
        // Served from disk in pieces, never read into memory whole. The list of signers is not to
        // be kept by the browser's cache or a proxy's.
        Response.Headers.CacheControl = "no-store";
        return new PhysicalFileResult(found.Path, found.ContentType) { FileDownloadName = found.Name, EnableRangeProcessing = true };
    }

    // The list as CSV, streamed from the database as it is read: nothing is kept on the server.
    public async Task<IActionResult> OnGetCsvAsync(int id, bool staff, CancellationToken cancellationToken)
    {
        var slug = await exports.SlugAsync(id, cancellationToken);
        if (slug is null)
            return NotFound();
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"{slug}-signers{(staff ? "-staff-only" : "")}.csv\"";
        Response.Headers.CacheControl = "no-store";
        await exports.StreamCsvAsync(id, staff, Response.Body, HttpContext.Actor(), cancellationToken);
        return new EmptyResult();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var found = await queries.FindWithVersionsAsync(id, cancellationToken);
        if (found is null)
            return false;
        Petition = found.Value.Petition;
        Jobs = await exports.ForPetitionAsync(id, cancellationToken);
        return true;
    }

    public sealed class ExportInput
    {
        public bool Pdf { get; set; } = true;
        public bool Csv { get; set; } = true;
        public bool StaffCsv { get; set; }
        public int? VolumeSize { get; set; }

        public ExportRequest ToRequest() => new(
            (Pdf ? ExportFormats.Pdf : 0) | (Csv ? ExportFormats.Csv : 0) | (StaffCsv ? ExportFormats.StaffCsv : 0),
            VolumeSize);
    }

    public sealed class LetterInput
    {
        public string? Organiser { get; set; }
        public string? CoverLetter { get; set; }

        public static LetterInput From(Petition petition) => new()
        {
            Organiser = petition.Organiser,
            CoverLetter = petition.CoverLetter ?? Petitions.Core.Delivery.CoverLetter.Default,
        };
    }
}
