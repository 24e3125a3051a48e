using Microsoft.AspNetCore.Mvc;
using Petitions.Core.Publishing;
using Petitions.Web.Pages;
using Petitions.Web.Staff;

namespace Petitions.Web.Areas.Admin.Pages.Publishing;

public sealed class EditModel(PetitionEditor editor, PetitionAdminQueries queries) : FormPageModel
{
    [BindProperty]
    public PetitionInput Input { get; set; } = new();

    public Petition Petition { get; private set; } = null!;
    public IReadOnlyList<PetitionVersion> Versions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
            return NotFound();
        Input = PetitionInput.From(PetitionForm.From(Petition));
        return Page();
    }

    public Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken) =>
        HandleAsync(id, editor.EditAsync(id, Input.ToForm(), HttpContext.Actor(), cancellationToken), keepInput: true, cancellationToken);

    public Task<IActionResult> OnPostPublishAsync(int id, CancellationToken cancellationToken) =>
        HandleAsync(id, editor.PublishAsync(id, HttpContext.Actor(), cancellationToken), keepInput: false, cancellationToken);

    public Task<IActionResult> OnPostCloseAsync(int id, CancellationToken cancellationToken) =>
        HandleAsync(id, editor.CloseAsync(id, HttpContext.Actor(), cancellationToken), keepInput: false, cancellationToken);

    private async Task<IActionResult> HandleAsync(int id, Task<EditResult> action, bool keepInput, CancellationToken cancellationToken)
    {
        switch (await action)
        {
            case EditResult.Saved saved:
                TempData["Notice"] = saved.Message;
                return RedirectToPage(new { id });
            case EditResult.Invalid invalid:
                AddErrors(invalid.Errors);
                return await ShowAsync(id, keepInput, cancellationToken);
            default:
                return NotFound();
        }
    }

    private async Task<IActionResult> ShowAsync(int id, bool keepInput, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
            return NotFound();
        if (!keepInput)
            Input = PetitionInput.From(PetitionForm.From(Petition));
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var found = await queries.FindWithVersionsAsync(id, cancellationToken);
        if (found is null)
            return false;
        (Petition, Versions) = found.Value;
        return true;
    }
}
