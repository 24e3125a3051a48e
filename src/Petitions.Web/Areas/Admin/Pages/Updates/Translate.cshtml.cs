using Microsoft.AspNetCore.Mvc;
using Petitions.Core.Languages;
using Petitions.Core.Updates;
using Petitions.Web.Pages;
using Petitions.Web.Staff;

namespace Petitions.Web.Areas.Admin.Pages.Updates;

// The update in one of the site's other languages. Supporters who signed in that language get this
// text; without it they get the main text. Both fields left empty remove the translation.
public sealed class TranslateModel(UpdateEditor editor) : FormPageModel
{
    [BindProperty]
    public TranslationInput Input { get; set; } = new();

    public UpdateView View { get; private set; } = null!;
    public SiteLanguage Language { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, long updateId, string language, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, updateId, language, cancellationToken))
            return NotFound();
        if (View.Update.Status != UpdateStatus.Draft)
            return RedirectToPage("/Updates/Update", new { id, updateId });
        var existing = View.Update.Translations.Find(t => t.Language == Language.Tag);
        Input = new TranslationInput { Title = existing?.Title, Body = existing?.Body };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, long updateId, string language, CancellationToken cancellationToken)
    {
        switch (await editor.TranslateAsync(id, updateId, language, Input.Title, Input.Body?.Replace("\r\n", "\n"), HttpContext.Actor(), cancellationToken))
        {
            case UpdateResult.Saved saved:
                TempData["Notice"] = saved.Message;
                return RedirectToPage("/Updates/Update", new { id, updateId });
            case UpdateResult.Invalid invalid:
                AddErrors(invalid.Errors);
                return await LoadAsync(id, updateId, language, cancellationToken) ? Page() : NotFound();
            default:
                return NotFound();
        }
    }

    private async Task<bool> LoadAsync(int id, long updateId, string language, CancellationToken cancellationToken)
    {
        if (SiteLanguages.Find(language) is not { } found || found.Tag == SiteLanguages.Default)
            return false;
        var view = await editor.FindAsync(id, updateId, cancellationToken);
        if (view is null)
            return false;
        (View, Language) = (view, found);
        return true;
    }

    public sealed class TranslationInput
    {
        public string? Title { get; set; }
        public string? Body { get; set; }
    }
}
