using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Petitions.Core.Abuse;
using Petitions.Web.Pages;
using Petitions.Web.Staff;

namespace Petitions.Web.Areas.Admin.Pages.Abuse;

public sealed class IndexModel(AbuseRulesService rules, IStringLocalizer<AbusePageText> text) : FormPageModel
{
    public sealed class RulesInput
    {
        public string? BurstLimit { get; set; }
        public string? BurstWindowSeconds { get; set; }
        public string? SustainedLimit { get; set; }
        public string? SustainedWindowMinutes { get; set; }
        public string? MinimumFillSeconds { get; set; }

        public AbuseRulesChange ToChange() => new()
        {
            BurstLimit = BurstLimit,
            BurstWindowSeconds = BurstWindowSeconds,
            SustainedLimit = SustainedLimit,
            SustainedWindowMinutes = SustainedWindowMinutes,
            MinimumFillSeconds = MinimumFillSeconds,
        };

        public static RulesInput From(AbuseRulesChange current) => new()
        {
            BurstLimit = current.BurstLimit,
            BurstWindowSeconds = current.BurstWindowSeconds,
            SustainedLimit = current.SustainedLimit,
            SustainedWindowMinutes = current.SustainedWindowMinutes,
            MinimumFillSeconds = current.MinimumFillSeconds,
        };
    }

    [BindProperty]
    public RulesInput Input { get; set; } = new();

    public IReadOnlyList<AccessListEntry> Entries { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var controls = await LoadAsync(cancellationToken);
        Input = RulesInput.From(AbuseRulesChange.From(controls.Rules));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        switch (await rules.ChangeRulesAsync(Input.ToChange(), HttpContext.Actor(), cancellationToken))
        {
            case RulesChangeResult.Invalid invalid:
                AddErrors(invalid.Errors);
                await LoadAsync(cancellationToken);
                return Page();
            case RulesChangeResult.Unchanged:
                TempData["Notice"] = text["Rules.Unchanged"].Value;
                break;
            default:
                TempData["Notice"] = text["Rules.Saved"].Value;
                break;
        }
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(long id, CancellationToken cancellationToken)
    {
        TempData["Notice"] = await rules.RemoveAsync(id, HttpContext.Actor(), cancellationToken) switch
        {
            AccessListResult.Removed { List: AccessList.Block } removed => text["Rules.RemovedFromBlock", removed.Description].Value,
            AccessListResult.Removed removed => text["Rules.RemovedFromAllow", removed.Description].Value,
            _ => text["Rules.AlreadyRemoved"].Value,
        };
        return RedirectToPage();
    }

    public string KindName(AccessKind kind) => kind switch
    {
        AccessKind.IpRange => text["Rules.KindIpRange"],
        AccessKind.EmailDomain => text["Rules.KindEmailDomain"],
        _ => text["Rules.KindEmailAddress"],
    };

    private async Task<AbuseControls> LoadAsync(CancellationToken cancellationToken)
    {
        var controls = await rules.LoadAsync(cancellationToken);
        Entries = controls.Entries;
        return controls;
    }
}
