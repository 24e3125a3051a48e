using Microsoft.AspNetCore.Mvc;
using Petitions.Core.Publishing;
using Petitions.Core.Updates;
using Petitions.Web.Pages;
using Petitions.Web.Staff;

namespace Petitions.Web.Areas.Admin.Pages.Updates;

// Writes a new update, or changes a draft: its title and text in the petition's main language, and
// who it goes to. Nothing is sent from here; the update's page previews, tests and sends it.
public sealed class WriteModel(UpdateEditor editor) : FormPageModel
{
    [BindProperty]
    public UpdateInput Input { get; set; } = new();

    public Petition Petition { get; private set; } = null!;
    public long? UpdateId { get; private set; }
    public IReadOnlyDictionary<UpdateAudience, long> Reaches { get; private set; } = new Dictionary<UpdateAudience, long>();
    public Dictionary<UpdateAudience, string?> Refusals { get; } = [];

    public async Task<IActionResult> OnGetAsync(int id, long? updateId, CancellationToken cancellationToken)
    {
        if (updateId is { } existing)
        {
            var view = await editor.FindAsync(id, existing, cancellationToken);
            if (view is null)
                return NotFound();
            if (view.Update.Status != UpdateStatus.Draft)
                return RedirectToPage("/Updates/Update", new { id, updateId });
            Input = new UpdateInput { Title = view.Update.Title, Body = view.Update.Body, Audience = view.Update.Audience };
        }
        else
        {
            Input.Audience = UpdateAudience.Subscribers;
        }
        return await LoadAsync(id, updateId, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(int id, long? updateId, CancellationToken cancellationToken)
    {
        var form = Input.ToForm();
        var result = updateId is { } existing
            ? await editor.EditAsync(id, existing, form, HttpContext.Actor(), cancellationToken)
            : await editor.CreateAsync(id, form, HttpContext.Actor(), cancellationToken);
        switch (result)
        {
            case UpdateResult.Saved saved:
                TempData["Notice"] = saved.Message;
                return RedirectToPage("/Updates/Update", new { id, updateId = saved.UpdateId });
            case UpdateResult.Invalid invalid:
                AddErrors(invalid.Errors);
                return await LoadAsync(id, updateId, cancellationToken) ? Page() : NotFound();
            default:
                return NotFound();
        }
    }

    private async Task<bool> LoadAsync(int id, long? updateId, CancellationToken cancellationToken)
    {
        var petition = await editor.PetitionAsync(id, cancellationToken);
        if (petition is null)
            return false;
        (Petition, UpdateId) = (petition, updateId);
        Reaches = await editor.ReachesAsync(id, cancellationToken);
        foreach (var audience in Enum.GetValues<UpdateAudience>())
            Refusals[audience] = editor.Refusal(petition, audience);
        return true;
    }
}

public sealed class UpdateInput
{
    public string? Title { get; set; }
    public string? Body { get; set; }
    // Nothing when the form sends something that is no audience, so that it is asked for again.
    public UpdateAudience? Audience { get; set; }

    public UpdateForm ToForm() => new(Title ?? "", (Body ?? "").Replace("\r\n", "\n"), Audience);
}
