using Microsoft.AspNetCore.Mvc;
using Petitions.Core.Import;
using Petitions.Web.Pages;
using Petitions.Web.Staff;

namespace Petitions.Web.Areas.Admin.Pages.Import;

// Files up to PaperCsv.MaxBytes are read; a little over that still arrives, to be told "split the
// file", rather than meeting the site-wide limit on request bodies (RequestLimits).
[RequestSizeLimit(2 * PaperCsv.MaxBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = 2 * PaperCsv.MaxBytes)]
public sealed class UploadModel(PaperImport import) : FormPageModel
{
    [BindProperty(Name = "file")]
    public IFormFile? CsvFile { get; set; }

    public ImportStart Start { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var start = await import.StartAsync(id, cancellationToken);
        if (start is null)
            return NotFound();
        Start = start;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        await using var content = CsvFile?.OpenReadStream();
        switch (await import.ReadAsync(id, CsvFile?.FileName, content, HttpContext.Actor(), cancellationToken))
        {
            case ImportReadResult.Read read:
                return RedirectToPage("/Import/Report", new { area = "Admin", id, batchId = read.BatchId });
            case ImportReadResult.Refused refused:
                AddError("file", refused.Message);
                return await OnGetAsync(id, cancellationToken);
            default:
                return NotFound();
        }
    }
}
