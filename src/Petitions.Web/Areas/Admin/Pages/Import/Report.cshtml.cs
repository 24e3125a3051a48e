using Microsoft.AspNetCore.Mvc;
using Petitions.Core.Import;
using Petitions.Web.Pages;
using Petitions.Web.Staff;

namespace Petitions.Web.Areas.Admin.Pages.Import;

// What will happen to each row of an uploaded file, and the button that makes it happen.
public sealed class ReportModel(PaperImport import) : FormPageModel
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
                TempData["Notice"] = $"Imported {Signatures(committed.Imported)}. The public count went up by {committed.Imported:N0}."
                    + (committed.SignedSince == 0 ? "" : $" {Rows(committed.SignedSince)} skipped: their addresses signed after the file was read.");
                break;
            case ImportCommitResult.AlreadyCommitted already:
                TempData["Notice"] = $"This file was already imported on {already.At.UtcDateTime:yyyy-MM-dd 'at' HH:mm} UTC. Nothing was added this time.";
                break;
            case ImportCommitResult.NothingToImport:
                TempData["Notice"] = "No row of this file is ready to import. Nothing was added.";
                break;
            default:
                return NotFound();
        }
        return RedirectToPage(new { id, batchId });
    }

    public static string Rows(int count) => count == 1 ? "1 row" : $"{count:N0} rows";

    private static string Signatures(int count) => count == 1 ? "1 signature" : $"{count:N0} signatures";
}
