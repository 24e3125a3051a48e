using Microsoft.AspNetCore.Mvc;
using Petitions.Core.Audit;
using Petitions.Web.Pages;

namespace Petitions.Web.Areas.Admin.Pages.Audit;

public sealed class IndexModel(AuditQueries audit) : FormPageModel
{
    public AuditSearch Search { get; private set; } = new();
    public IReadOnlyList<AuditRow> Entries { get; private set; } = [];
    public string? Older { get; private set; }

    // A GET form, so that a filtered view is a link staff can share, and it works without JavaScript.
    public async Task OnGetAsync(string? action, string? actor, string? from, string? to, string? before, CancellationToken cancellationToken)
    {
        Search = new AuditSearch { Action = action, Actor = actor, From = from, To = to, Before = before };
        switch (await audit.SearchAsync(Search, cancellationToken))
        {
            case AuditSearchResult.Found found:
                Entries = found.Entries;
                Older = found.Older;
                break;
            case AuditSearchResult.Invalid invalid:
                foreach (var error in invalid.Errors)
                    AddError(error.Field.ToLowerInvariant(), error.Message);
                break;
        }
    }

    public string PageLink(string? before) => Url.Page("/Audit/Index", new
    {
        area = "Admin",
        action = Search.Action,
        actor = Search.Actor,
        from = Search.From,
        to = Search.To,
        before,
    })!;
}
