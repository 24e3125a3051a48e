using Microsoft.AspNetCore.Mvc;
using Petitions.Core.Languages;
using Petitions.Core.Updates;
using Petitions.Web.Pages;
using Petitions.Web.Staff;

namespace Petitions.Web.Areas.Admin.Pages.Updates;

// One update. As a draft: who it reaches, its translations, a preview in any language, a test
// email to oneself, and the button that sends it. Once sending: how far it has got, followed in
// place by export-progress.js where scripts run, and the button that stops it.
public sealed class UpdateModel(UpdateEditor editor) : FormPageModel
{
    public UpdateView View { get; private set; } = null!;

    // The language the preview is shown in, and the test email written in.
    [BindProperty(SupportsGet = true)]
    public string? Language { get; set; }

    // The test email's language, a field of its own: the preview's sits in another form on the page.
    [BindProperty]
    public string? TestLanguage { get; set; }

    public SiteLanguage PreviewLanguage => SiteLanguages.Find(Language) ?? SiteLanguages.Find(SiteLanguages.Default)!;

    public bool InProgress => View.Update.Status == UpdateStatus.Sending;

    public async Task<IActionResult> OnGetAsync(int id, long updateId, CancellationToken cancellationToken) =>
        await LoadAsync(id, updateId, cancellationToken) ? Page() : NotFound();

    // The email's HTML on its own, as a supporter's mail program shows it.
    public async Task<IActionResult> OnGetEmailAsync(int id, long updateId, CancellationToken cancellationToken)
    {
        var content = await editor.PreviewAsync(id, updateId, PreviewLanguage.Tag, cancellationToken);
        if (content is null)
            return NotFound();
        Response.Headers.CacheControl = "no-store";
        return Content(content.Html, "text/html; charset=utf-8");
    }

    public Task<IActionResult> OnPostTestAsync(int id, long updateId, CancellationToken cancellationToken) =>
        ActAsync(id, updateId, editor.TestSendAsync(id, updateId, TestLanguage, HttpContext.Actor(), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostSendAsync(int id, long updateId, CancellationToken cancellationToken) =>
        ActAsync(id, updateId, editor.SendAsync(id, updateId, HttpContext.Actor(), cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostCancelAsync(int id, long updateId, CancellationToken cancellationToken) =>
        ActAsync(id, updateId, editor.CancelAsync(id, updateId, HttpContext.Actor(), cancellationToken), cancellationToken);

    private async Task<IActionResult> ActAsync(int id, long updateId, Task<UpdateResult> action, CancellationToken cancellationToken)
    {
        switch (await action)
        {
            case UpdateResult.Saved saved:
                TempData["Notice"] = saved.Message;
                return RedirectToPage(new { id, updateId, language = SiteLanguages.Find(Language)?.Tag });
            case UpdateResult.Invalid invalid:
                foreach (var error in invalid.Errors)
                    AddError(error.Field == "Language" ? nameof(TestLanguage) : error.Field, error.Message);
                return await LoadAsync(id, updateId, cancellationToken) ? Page() : NotFound();
            default:
                return NotFound();
        }
    }

    private async Task<bool> LoadAsync(int id, long updateId, CancellationToken cancellationToken)
    {
        var view = await editor.FindAsync(id, updateId, cancellationToken);
        if (view is null)
            return false;
        View = view;
        return true;
    }
}
