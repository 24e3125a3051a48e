using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Petitions.Core.Audit;
using Petitions.Web.Pages;

namespace Petitions.Web.Areas.Admin.Pages.Audit;

public sealed class IndexModel(AuditQueries audit, IStringLocalizer<AuditPageText> text) : FormPageModel
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

    // What an action is called in the reader's language. The entries keep the action's code, and
    // an action recorded by an older or newer version than this one is shown by its code.
    public string ActionName(string action) => action switch
    {
        AuditActions.LoginSucceeded => text["Action.LoginSucceeded"],
        AuditActions.LoginFailed => text["Action.LoginFailed"],
        AuditActions.LockedOut => text["Action.LockedOut"],
        AuditActions.TwoFactorEnabled => text["Action.TwoFactorEnabled"],
        AuditActions.TwoFactorDisabled => text["Action.TwoFactorDisabled"],
        AuditActions.TwoFactorRequired => text["Action.TwoFactorRequired"],
        AuditActions.StaffInvited => text["Action.StaffInvited"],
        AuditActions.StaffJoined => text["Action.StaffJoined"],
        AuditActions.StaffRoleChanged => text["Action.StaffRoleChanged"],
        AuditActions.StaffDeactivated => text["Action.StaffDeactivated"],
        AuditActions.StaffReactivated => text["Action.StaffReactivated"],
        AuditActions.StaffRemoved => text["Action.StaffRemoved"],
        AuditActions.StaffPasswordReset => text["Action.StaffPasswordReset"],
        AuditActions.SignedOut => text["Action.SignedOut"],
        AuditActions.PetitionCreated => text["Action.PetitionCreated"],
        AuditActions.PetitionEdited => text["Action.PetitionEdited"],
        AuditActions.PetitionTranslated => text["Action.PetitionTranslated"],
        AuditActions.PetitionPublished => text["Action.PetitionPublished"],
        AuditActions.PetitionClosed => text["Action.PetitionClosed"],
        AuditActions.PetitionDelivered => text["Action.PetitionDelivered"],
        AuditActions.PetitionResponseRecorded => text["Action.PetitionResponseRecorded"],
        AuditActions.UpdateCreated => text["Action.UpdateCreated"],
        AuditActions.UpdateEdited => text["Action.UpdateEdited"],
        AuditActions.UpdateTranslated => text["Action.UpdateTranslated"],
        AuditActions.UpdateTestSent => text["Action.UpdateTestSent"],
        AuditActions.UpdateSent => text["Action.UpdateSent"],
        AuditActions.UpdateCancelled => text["Action.UpdateCancelled"],
        AuditActions.SignatureInvalidated => text["Action.SignatureInvalidated"],
        AuditActions.SignatureRestored => text["Action.SignatureRestored"],
        AuditActions.SignatureApproved => text["Action.SignatureApproved"],
        AuditActions.SignaturesImported => text["Action.SignaturesImported"],
        AuditActions.RulesChanged => text["Action.RulesChanged"],
        AuditActions.AccessListChanged => text["Action.AccessListChanged"],
        AuditActions.ExportStarted => text["Action.ExportStarted"],
        AuditActions.ExportDownloaded => text["Action.ExportDownloaded"],
        AuditActions.ExportDeleted => text["Action.ExportDeleted"],
        AuditActions.SignatureWithdrawn => text["Action.SignatureWithdrawn"],
        AuditActions.SignatureCopySent => text["Action.SignatureCopySent"],
        AuditActions.RetentionApplied => text["Action.RetentionApplied"],
        _ => action,
    };
}
