using Microsoft.AspNetCore.Mvc;
using Petitions.Core.Moderation;
using Petitions.Web.Pages;
using Petitions.Web.Staff;

namespace Petitions.Web.Areas.Admin.Pages.Rules;

public sealed class AddEntryModel(AbuseRulesService rules) : FormPageModel
{
    public sealed class EntryInput
    {
        public string? List { get; set; }
        public string? Kind { get; set; }
        public string? Value { get; set; }
        public string? Note { get; set; }

        public AccessListAddition ToAddition() => new() { List = List, Kind = Kind, Value = Value, Note = Note };
    }

    [BindProperty]
    public EntryInput Input { get; set; } = new();

    public void OnGet(string? list) => Input.List = list;

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        switch (await rules.AddAsync(Input.ToAddition(), HttpContext.Actor(), cancellationToken))
        {
            case AccessListResult.Added added:
                TempData["Notice"] = $"Added {added.Description} to the {AbuseRulesService.ListName(added.List)}.";
                return RedirectToPage("/Rules/Index");
            case AccessListResult.Invalid invalid:
                AddErrors(invalid.Errors);
                break;
        }
        return Page();
    }
}
