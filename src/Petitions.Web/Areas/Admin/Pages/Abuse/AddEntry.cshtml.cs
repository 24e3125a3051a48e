using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Petitions.Core.Abuse;
using Petitions.Web.Pages;
using Petitions.Web.Staff;

namespace Petitions.Web.Areas.Admin.Pages.Abuse;

public sealed class AddEntryModel(AbuseRulesService rules, IStringLocalizer<AbusePageText> text) : FormPageModel
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

    public string KindName(AccessKind kind) => kind switch
    {
        AccessKind.IpRange => text["Rules.KindIpRange"],
        AccessKind.EmailDomain => text["Rules.KindEmailDomain"],
        _ => text["Rules.KindEmailAddress"],
    };

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        switch (await rules.AddAsync(Input.ToAddition(), HttpContext.Actor(), cancellationToken))
        {
            case AccessListResult.Added added:
                TempData["Notice"] = (added.List == AccessList.Block
                    ? text["Rules.AddedToBlock", added.Description]
                    : text["Rules.AddedToAllow", added.Description]).Value;
                return RedirectToPage("/Abuse/Index");
            case AccessListResult.Invalid invalid:
                AddErrors(invalid.Errors);
                break;
        }
        return Page();
    }
}
