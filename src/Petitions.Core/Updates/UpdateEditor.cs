using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Petitions.Core.Audit;
using Petitions.Core.Data;
using Petitions.Core.Email;
using Petitions.Core.Languages;
using Petitions.Core.Publishing;

namespace Petitions.Core.Updates;

public abstract record UpdateResult
{
    public sealed record Saved(long UpdateId, string Message) : UpdateResult;
    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : UpdateResult;
    public sealed record NotFound : UpdateResult;
}

// How far an update's emails have got: handed to the outbox, sent, refused for good.
public sealed record UpdateProgress(long Total, long Enqueued, long Sent, long Failed)
{
    public long Remaining => Math.Max(0, Total - Sent - Failed);
}

public sealed record UpdateListItem(PetitionUpdate Update, UpdateProgress Progress);

public sealed record UpdateView(Petition Petition, PetitionUpdate Update, UpdateProgress Progress, long Reach, string? AudienceRefusal);

// Staff's side of updates: write one, translate it, look at it, send it to themselves, send it to
// the supporters, stop it. Every change is audited in its own transaction. Messages are written in
// the staff member's language; the audit log stays in English.
public sealed class UpdateEditor(
    PetitionsDbContext db,
    IValidator<UpdateForm> validator,
    AuditLog audit,
    Outbox outbox,
    UpdateEmails emails,
    IPublicLinks links,
    UpdateSignal signal,
    TimeProvider clock,
    IStringLocalizer<UpdateMessages> text)
{
    public async Task<(Petition Petition, IReadOnlyList<UpdateListItem> Updates)?> ListAsync(int petitionId, CancellationToken cancellationToken)
    {
        var petition = await db.Petitions.AsNoTracking().SingleOrDefaultAsync(p => p.Id == petitionId, cancellationToken);
        if (petition is null)
            return null;
        var updates = await db.PetitionUpdates.AsNoTracking().Where(u => u.PetitionId == petitionId)
            .OrderByDescending(u => u.Id).ToListAsync(cancellationToken);
        var items = new List<UpdateListItem>();
        foreach (var update in updates)
            items.Add(new UpdateListItem(update, await ProgressAsync(update, cancellationToken)));
        return (petition, items);
    }

    public async Task<UpdateView?> FindAsync(int petitionId, long updateId, CancellationToken cancellationToken)
    {
        var petition = await db.Petitions.AsNoTracking().SingleOrDefaultAsync(p => p.Id == petitionId, cancellationToken);
        var update = await db.PetitionUpdates.AsNoTracking().Include(u => u.Translations)
            .SingleOrDefaultAsync(u => u.Id == updateId && u.PetitionId == petitionId, cancellationToken);
        if (petition is null || update is null)
            return null;
        var reach = update.Status == UpdateStatus.Draft ? await ReachAsync(petitionId, update.Audience, cancellationToken) : update.RecipientsTotal;
        return new UpdateView(petition, update, await ProgressAsync(update, cancellationToken), reach, Refusal(petition, update.Audience));
    }

    public async Task<Petition?> PetitionAsync(int petitionId, CancellationToken cancellationToken) =>
        await db.Petitions.AsNoTracking().SingleOrDefaultAsync(p => p.Id == petitionId, cancellationToken);

    // How many people each audience reaches now, for the choice on the writing page.
    public async Task<IReadOnlyDictionary<UpdateAudience, long>> ReachesAsync(int petitionId, CancellationToken cancellationToken)
    {
        var reaches = new Dictionary<UpdateAudience, long>();
        reaches[UpdateAudience.Subscribers] = await ReachAsync(petitionId, UpdateAudience.Subscribers, cancellationToken);
        // Both notices go to the same people.
        reaches[UpdateAudience.DeliveredNotice] = reaches[UpdateAudience.ResponseNotice] =
            await ReachAsync(petitionId, UpdateAudience.DeliveredNotice, cancellationToken);
        return reaches;
    }

    public Task<long> ReachAsync(int petitionId, UpdateAudience audience, CancellationToken cancellationToken) =>
        UpdateRecipients.Of(db.Signatures, petitionId, audience).LongCountAsync(cancellationToken);

    public async Task<UpdateResult> CreateAsync(int petitionId, UpdateForm form, Actor actor, CancellationToken cancellationToken)
    {
        var petition = await db.Petitions.AsNoTracking().SingleOrDefaultAsync(p => p.Id == petitionId, cancellationToken);
        if (petition is null)
            return new UpdateResult.NotFound();
        if (await ValidateAsync(petition, form, cancellationToken) is { } invalid)
            return invalid;
        var update = PetitionUpdate.Draft(petitionId, form.Title, form.Body, form.Audience!.Value, actor.Email, clock.GetUtcNow());
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.PetitionUpdates.Add(update);
        await db.SaveChangesAsync(cancellationToken);
        // The update's id is known only once saved; the audit entry names it, in the same transaction.
        await audit.WriteAsync(actor, AuditActions.UpdateCreated, $"petition {petition.Slug}", $"update {update.Id}: {update.Audience}", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new UpdateResult.Saved(update.Id, text["Update.Created"]);
    }

    public async Task<UpdateResult> EditAsync(int petitionId, long updateId, UpdateForm form, Actor actor, CancellationToken cancellationToken)
    {
        if (await LoadAsync(petitionId, updateId, cancellationToken) is not var (petition, update))
            return new UpdateResult.NotFound();
        if (update.Status != UpdateStatus.Draft)
            return new UpdateResult.Invalid([new FieldError("", text["Update.NotDraft"])]);
        if (await ValidateAsync(petition, form, cancellationToken) is { } invalid)
            return invalid;
        update.Edit(form.Title, form.Body, form.Audience!.Value, clock.GetUtcNow());
        audit.Record(actor, AuditActions.UpdateEdited, $"petition {petition.Slug}", $"update {update.Id}: {update.Audience}");
        await db.SaveChangesAsync(cancellationToken);
        return new UpdateResult.Saved(update.Id, text["Update.Saved"]);
    }

    // Adds, replaces or (when both fields are left empty) removes the update in one language.
    public async Task<UpdateResult> TranslateAsync(int petitionId, long updateId, string language, string? title, string? body, Actor actor,
        CancellationToken cancellationToken)
    {
        if (SiteLanguages.Find(language) is not { } found || found.Tag == SiteLanguages.Default
            || await LoadAsync(petitionId, updateId, cancellationToken) is not var (petition, update))
            return new UpdateResult.NotFound();
        if (update.Status != UpdateStatus.Draft)
            return new UpdateResult.Invalid([new FieldError("", text["Update.NotDraft"])]);
        if (string.IsNullOrWhiteSpace(title) && string.IsNullOrWhiteSpace(body))
        {
            if (update.RemoveTranslation(found.Tag))
            {
                audit.Record(actor, AuditActions.UpdateTranslated, $"petition {petition.Slug}", $"update {update.Id}: {found.Tag} translation removed");
                await db.SaveChangesAsync(cancellationToken);
            }
            return new UpdateResult.Saved(update.Id, text["Update.TranslationRemoved", found.NativeName]);
        }
        var result = await validator.ValidateAsync(new UpdateForm(title ?? "", body ?? "", update.Audience), cancellationToken);
        if (!result.IsValid)
            return Invalid(result);
        update.Translate(found.Tag, title!, body!, clock.GetUtcNow());
        audit.Record(actor, AuditActions.UpdateTranslated, $"petition {petition.Slug}", $"update {update.Id}: {found.Tag} translation saved");
        await db.SaveChangesAsync(cancellationToken);
        return new UpdateResult.Saved(update.Id, text["Update.TranslationSaved", found.NativeName]);
    }

    // The email as a supporter reading in this language gets it, addressed to the staff member who
    // asks, through the outbox like any email. It is no update's email: it counts in no progress,
    // makes no recipient, and its unsubscribe link is a sample that unsubscribes nobody.
    public async Task<UpdateResult> TestSendAsync(int petitionId, long updateId, string? language, Actor actor, CancellationToken cancellationToken)
    {
        if (await LoadAsync(petitionId, updateId, cancellationToken) is not var (petition, update))
            return new UpdateResult.NotFound();
        var reader = SiteLanguages.Find(language);
        if (reader is null)
            return new UpdateResult.Invalid([new FieldError("Language", text["Update.LanguageRequired"])]);
        var name = actor.Email[..Math.Max(0, actor.Email.IndexOf('@'))];
        var content = emails.For(update, petition.Title, petition.Slug, reader.Tag).Write(name, links.Unsubscribe("sample"));
        string subject;
        using (SiteLanguages.Use(reader.Tag))
            subject = text["Update.TestSubject", content.Subject];
        outbox.Add(content with { Subject = subject }, actor.Email, name);
        audit.Record(actor, AuditActions.UpdateTestSent, $"petition {petition.Slug}", $"update {update.Id}: test in {reader.Tag} to {actor.Email}");
        await db.SaveChangesAsync(cancellationToken);
        outbox.WakeSender();
        return new UpdateResult.Saved(update.Id, text["Update.TestSent", actor.Email]);
    }

    public async Task<EmailContent?> PreviewAsync(int petitionId, long updateId, string? language, CancellationToken cancellationToken)
    {
        var view = await FindAsync(petitionId, updateId, cancellationToken);
        return view is null
            ? null
            : emails.For(view.Update, view.Petition.Title, view.Petition.Slug, language).Write(text["Update.PreviewName"], links.Unsubscribe("sample"));
    }

    // Publishes the update and queues it for the sending job. The row is locked meanwhile, so two
    // presses of "Send" start it once.
    public async Task<UpdateResult> SendAsync(int petitionId, long updateId, Actor actor, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await LoadAsync(petitionId, updateId, cancellationToken, forUpdate: true) is not var (petition, update))
            return new UpdateResult.NotFound();
        if (update.Status != UpdateStatus.Draft)
            return new UpdateResult.Invalid([new FieldError("", text["Update.NotDraft"])]);
        if (Refusal(petition, update.Audience) is { } refusal)
            return new UpdateResult.Invalid([new FieldError("", refusal)]);
        var total = await ReachAsync(petitionId, update.Audience, cancellationToken);
        update.StartSending(total, clock.GetUtcNow());
        audit.Record(actor, AuditActions.UpdateSent, $"petition {petition.Slug}", $"update {update.Id}: {update.Audience}, {total} recipients");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Notify();
        return new UpdateResult.Saved(update.Id, text["Update.Sending"]);
    }

    // Waits for a batch in progress (its transaction holds the row) and stops the next one.
    public async Task<UpdateResult> CancelAsync(int petitionId, long updateId, Actor actor, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await LoadAsync(petitionId, updateId, cancellationToken, forUpdate: true) is not var (petition, update))
            return new UpdateResult.NotFound();
        if (update.Status is not (UpdateStatus.Draft or UpdateStatus.Sending))
            return new UpdateResult.Invalid([new FieldError("", text["Update.CannotCancel"])]);
        update.Cancel(clock.GetUtcNow());
        audit.Record(actor, AuditActions.UpdateCancelled, $"petition {petition.Slug}", $"update {update.Id}: {update.Enqueued} handed to the outbox");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new UpdateResult.Saved(update.Id, text["Update.Cancelled"]);
    }

    // Sent and failed are the update's own emails in the outbox; the rest are still to go, whether
    // waiting in the outbox or not yet handed to it.
    public async Task<UpdateProgress> ProgressAsync(PetitionUpdate update, CancellationToken cancellationToken)
    {
        if (update.Status == UpdateStatus.Draft)
            return new UpdateProgress(0, 0, 0, 0);
        var counts = await db.OutboxMessages.Where(m => m.UpdateId == update.Id)
            .GroupBy(_ => 1)
            .Select(g => new { Sent = g.LongCount(m => m.SentAt != null), Failed = g.LongCount(m => m.FailedAt != null) })
            .SingleOrDefaultAsync(cancellationToken);
        var total = update.Status == UpdateStatus.Cancelled ? update.Enqueued : update.RecipientsTotal;
        return new UpdateProgress(total, update.Enqueued, counts?.Sent ?? 0, counts?.Failed ?? 0);
    }

    // Notices go to signers who did not ask for updates, so they are only for the two moments
    // every signer is owed news of: the petition handed over, and the answer to it.
    public string? Refusal(Petition petition, UpdateAudience audience) => audience switch
    {
        UpdateAudience.DeliveredNotice when petition.DeliveredOn is null => text["Update.NotDelivered"].Value,
        UpdateAudience.ResponseNotice when petition.RespondedOn is null && petition.NoResponseBy is null => text["Update.NoResponse"].Value,
        _ => null,
    };

    private async Task<UpdateResult.Invalid?> ValidateAsync(Petition petition, UpdateForm form, CancellationToken cancellationToken)
    {
        var result = await validator.ValidateAsync(form, cancellationToken);
        if (!result.IsValid)
            return Invalid(result);
        return Refusal(petition, form.Audience!.Value) is { } refusal
            ? new UpdateResult.Invalid([new FieldError(nameof(UpdateForm.Audience), refusal)])
            : null;
    }

    private static UpdateResult.Invalid Invalid(FluentValidation.Results.ValidationResult result) =>
        new(result.Errors.Select(e => new FieldError(e.PropertyName, e.ErrorMessage)).ToArray());

    private async Task<(Petition, PetitionUpdate)?> LoadAsync(int petitionId, long updateId, CancellationToken cancellationToken, bool forUpdate = false)
    {
        var petition = await db.Petitions.AsNoTracking().SingleOrDefaultAsync(p => p.Id == petitionId, cancellationToken);
        if (petition is null)
            return null;
        var query = forUpdate
            ? db.PetitionUpdates.FromSql($"SELECT * FROM petition_updates WHERE id = {updateId} FOR UPDATE")
            : db.PetitionUpdates;
        var update = await query.Include(u => u.Translations).SingleOrDefaultAsync(u => u.Id == updateId && u.PetitionId == petitionId, cancellationToken);
        return update is null ? null : (petition, update);
    }
}
