using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Petitions.Core.Import;
using Petitions.Web.Pages;
using Petitions.Web.Staff;

namespace Petitions.Web.Areas.Admin.Pages.Import;

// What will happen to each row of an uploaded file, and the button that makes it happen.
public sealed class ReportModel(PaperImport import, IStringLocalizer<ImportPageText> text) : FormPageModel
{
    public ImportReport Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, Guid batchId, CancellationToken cancellationToken)
    {
        var report = await import.ReportAsync(id, batchId, cancellationToken);
        if (report is null)
            return NotFound();
        Report = report;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, Guid batchId, CancellationToken cancellationToken)
    {
        switch (await import.CommitAsync(id, batchId, HttpContext.Actor(), cancellationToken))
        {
            case ImportCommitResult.Committed committed:
                TempData["Notice"] = text["Import.Committed", Signatures(committed.Imported), committed.Imported.ToString("N0", CultureInfo.CurrentCulture)].Value
                    + (committed.SignedSince == 0 ? "" : " " + text["Import.SkippedSince", Rows(committed.SignedSince)].Value);
                break;
            case ImportCommitResult.AlreadyCommitted already:
                TempData["Notice"] = text["Import.AlreadyImported", Petitions.Core.Languages.SiteLanguages.Current.DateAndTime(already.At)].Value;
                break;
            case ImportCommitResult.NothingToImport:
                TempData["Notice"] = text["Import.NothingToImport"].Value;
                break;
            case ImportCommitResult.Refused refused:
                AddError("", refused.Message);
                return await OnGetAsync(id, batchId, cancellationToken);
            default:
                return NotFound();
        }
        return RedirectToPage(new { id, batchId });
    }

    public string Rows(int count) =>
        count == 1 ? text["Import.OneRow"] : text["Import.Rows", count.ToString("N0", CultureInfo.CurrentCulture)];

    public string Signatures(int count) =>
        count == 1 ? text["Import.OneSignature"] : text["Import.Signatures", count.ToString("N0", CultureInfo.CurrentCulture)];
}
