using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;
using Petitions.Core.Audit;
using Petitions.Core.Data;
using Petitions.Core.Languages;

namespace Petitions.Core.Publishing;

public abstract record EditResult
{
    public sealed record Saved(int PetitionId, string Message) : EditResult;
    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : EditResult;
    public sealed record NotFound : EditResult;
}

// Staff's changes to petitions. Every change is audited in the same transaction. Messages and notices
// are written in the language of the staff member's request; the audit log stays in English.
public sealed class PetitionEditor(PetitionsDbContext db, IValidator<PetitionForm> validator, AuditLog audit, PetitionSnapshots snapshots, TimeProvider clock,
    IStringLocalizer<PetitionMessages> text)
{
    public async Task<EditResult> CreateAsync(PetitionForm form, Actor actor, CancellationToken cancellationToken)
    {
        if (await ValidateAsync(form, petitionId: null, cancellationToken) is { } invalid)
            return invalid;
        var petition = Petition.Draft(form.Text, form.Settings, clock.GetUtcNow());
        db.Petitions.Add(petition);
        audit.Record(actor, AuditActions.PetitionCreated, $"petition {form.Slug.Trim()}");
        return await SaveAsync(petition, text["Petition.DraftSaved"], cancellationToken);
    }

    public async Task<EditResult> EditAsync(int id, PetitionForm form, Actor actor, CancellationToken cancellationToken)
    {
        var petition = await db.Petitions.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (petition is null)
            return new EditResult.NotFound();
        if (petition.Status != PetitionStatus.Draft && form.Slug.Trim() != petition.Slug)
            return new EditResult.Invalid([new FieldError(nameof(PetitionForm.Slug), text["Petition.SlugFixed"])]);
        if (await ValidateAsync(form, id, cancellationToken) is { } invalid)
            return invalid;

        petition.Configure(form.Settings);
        var newVersion = petition.Rewrite(form.Text, clock.GetUtcNow());
        audit.Record(actor, AuditActions.PetitionEdited, $"petition {petition.Slug}",
            newVersion ? $"text changed: version {petition.CurrentVersion}" : "settings or draft text changed");
        return await SaveAsync(petition, newVersion
            ? text["Petition.SavedNewVersion", petition.CurrentVersion]
            : text["Petition.Saved"], cancellationToken);
    }

    // Adds, replaces or (when every field is left empty) removes the petition's text in one
    // language. The translation is checked by the petition's own rules: the editor's validator
    // is given the petition's settings with the translated text, so the limits are the same.
    public async Task<EditResult> TranslateAsync(int id, string language, PetitionTranslationForm form, Actor actor, CancellationToken cancellationToken)
    {
        var petition = await db.Petitions.Include(p => p.Translations).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (petition is null || Languages.SiteLanguages.Find(language) is not { } found || found.Tag == Languages.SiteLanguages.Default)
            return new EditResult.NotFound();

        var asForm = PetitionForm.From(petition) with { Title = form.Title, Summary = form.Summary, Body = form.Body, Demands = form.Demands };
        if (form.IsEmpty)
        {
            if (petition.RemoveTranslation(found.Tag))
                audit.Record(actor, AuditActions.PetitionTranslated, $"petition {petition.Slug}", $"{found.Tag} translation removed");
            return await SaveAsync(petition, text["Petition.TranslationRemoved", found.NativeName], cancellationToken);
        }
        var result = await validator.ValidateAsync(asForm, cancellationToken);
        if (!result.IsValid)
            return new EditResult.Invalid(result.Errors.Select(e => new FieldError(e.PropertyName, e.ErrorMessage)).ToArray());

        petition.Translate(found.Tag, asForm.Text, clock.GetUtcNow());
        audit.Record(actor, AuditActions.PetitionTranslated, $"petition {petition.Slug}", $"{found.Tag} translation saved");
        return await SaveAsync(petition, text["Petition.TranslationSaved", found.NativeName], cancellationToken);
    }

    public Task<EditResult> PublishAsync(int id, Actor actor, CancellationToken cancellationToken) =>
        ChangeAsync(id, actor, AuditActions.PetitionPublished, p => p.Publish(clock.GetUtcNow()),
            text["Petition.Published"], text["Petition.CannotPublish"], cancellationToken);

    public Task<EditResult> CloseAsync(int id, Actor actor, CancellationToken cancellationToken) =>
        ChangeAsync(id, actor, AuditActions.PetitionClosed, p => p.Close(clock.GetUtcNow()),
            text["Petition.Closed"], text["Petition.CannotClose"], cancellationToken);

    private async Task<EditResult> ChangeAsync(int id, Actor actor, string action, Action<Petition> change, string message, string refusal, CancellationToken cancellationToken)
    {
        var petition = await db.Petitions.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (petition is null)
            return new EditResult.NotFound();
        try
        {
            change(petition);
        }
        catch (InvalidOperationException)
        {
            return new EditResult.Invalid([new FieldError("", refusal)]);
        }
        audit.Record(actor, action, $"petition {petition.Slug}");
        return await SaveAsync(petition, message, cancellationToken);
    }

    private async Task<EditResult.Invalid?> ValidateAsync(PetitionForm form, int? petitionId, CancellationToken cancellationToken)
    {
        var result = await validator.ValidateAsync(form, cancellationToken);
        var errors = result.Errors.Select(e => new FieldError(e.PropertyName, e.ErrorMessage)).ToList();
        var slug = form.Slug.Trim();
        if (errors.All(e => e.Field != nameof(PetitionForm.Slug))
            && await db.Petitions.AnyAsync(p => p.Slug == slug && p.Id != petitionId, cancellationToken))
            errors.Add(new FieldError(nameof(PetitionForm.Slug), text["Petition.SlugTaken"]));
        return errors.Count == 0 ? null : new EditResult.Invalid(errors);
    }

    private async Task<EditResult> SaveAsync(Petition petition, string message, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return new EditResult.Invalid([new FieldError(nameof(PetitionForm.Slug), text["Petition.SlugTaken"])]);
        }
        // The staff member who saved looks at the public page next and expects their change there.
        snapshots.Changed(petition.Id);
        return new EditResult.Saved(petition.Id, message);
    }
}
