using Microsoft.AspNetCore.Mvc;
using Petitions.Core.Publishing;
using Petitions.Web.Pages;
using Petitions.Web.Staff;

namespace Petitions.Web.Areas.Admin.Pages.Publishing;

public sealed class NewModel(PetitionEditor editor) : FormPageModel
{
    [BindProperty]
    public PetitionInput Input { get; set; } = new() { Target = "10000" };

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        switch (await editor.CreateAsync(Input.ToForm(), HttpContext.Actor(), cancellationToken))
        {
            case EditResult.Saved saved:
                TempData["Notice"] = saved.Message;
                return RedirectToPage("/Publishing/Edit", new { area = "Admin", id = saved.PetitionId });
            case EditResult.Invalid invalid:
                AddErrors(invalid.Errors);
                return Page();
            default:
                return NotFound();
        }
    }
}
