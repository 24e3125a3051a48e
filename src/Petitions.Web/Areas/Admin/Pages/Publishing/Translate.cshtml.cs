using Microsoft.AspNetCore.Mvc;
using Petitions.Core.Languages;
using Petitions.Core.Publishing;
using Petitions.Web.Pages;
using Petitions.Web.Staff;

namespace Petitions.Web.Areas.Admin.Pages.Publishing;

// A petition's title, summary, text and demands in one of the site's other languages. Signers
// reading the site in that language see this text instead of the original.
public sealed class TranslateModel(PetitionEditor editor, PetitionAdminQueries queries) : FormPageModel
{
    [BindProperty]
    public TranslationInput Input { get; set; } = new();

    public Petition Petition { get; private set; } = null!;
    public SiteLanguage Language { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, string language, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, language, cancellationToken))
            return NotFound();
        Input = TranslationInput.From(PetitionTranslationForm.From(Petition.Translations.Find(t => t.Language == Language.Tag)));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, string language, CancellationToken cancellationToken)
    {
        switch (await editor.TranslateAsync(id, language, Input.ToForm(), HttpContext.Actor(), cancellationToken))
        {
            case EditResult.Saved saved:
                TempData["Notice"] = saved.Message;
                return RedirectToPage("/Publishing/Edit", new { id });
            case EditResult.Invalid invalid:
                AddErrors(invalid.Errors);
                return await LoadAsync(id, language, cancellationToken) ? Page() : NotFound();
            default:
                return NotFound();
        }
    }

    private async Task<bool> LoadAsync(int id, string language, CancellationToken cancellationToken)
    {
        if (SiteLanguages.Find(language) is not { } found || found.Tag == SiteLanguages.Default)
            return false;
        var petition = await queries.FindWithTranslationsAsync(id, cancellationToken);
        if (petition is null)
            return false;
        (Petition, Language) = (petition, found);
        return true;
    }
}

public sealed class TranslationInput
{
    public string? Title { get; set; }
    public string? Summary { get; set; }
    public string? Body { get; set; }
    public string? Demands { get; set; }

    public PetitionTranslationForm ToForm() =>
        new(Title ?? "", Summary ?? "", Body ?? "", (Demands ?? "").Replace("\r", ""));

    public static TranslationInput From(PetitionTranslationForm form) =>
        new() { Title = form.Title, Summary = form.Summary, Body = form.Body, Demands = form.Demands };
}
