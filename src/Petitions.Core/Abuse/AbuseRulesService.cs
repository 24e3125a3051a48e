using System.Globalization;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;
using Petitions.Core.Audit;
using Petitions.Core.Data;

namespace Petitions.Core.Abuse;

public sealed record AbuseControls(AbuseRules Rules, IReadOnlyList<AccessListEntry> Entries);

public abstract record RulesChangeResult
{
    public sealed record Changed : RulesChangeResult;
    public sealed record Unchanged : RulesChangeResult;
    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : RulesChangeResult;
}

public abstract record AccessListResult
{
    public sealed record Added(AccessList List, string Description) : AccessListResult;
    public sealed record Removed(AccessList List, string Description) : AccessListResult;
    public sealed record NotFound : AccessListResult;
    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : AccessListResult;
}

// The rate rules and the block and allow lists, as Admins change them. Every change is audited in
// the transaction that makes it, with what it was before and after.
public sealed class AbuseRulesService(
    PetitionsDbContext db,
    IValidator<AbuseRulesChange> rulesValidator,
    IValidator<AccessListAddition> additionValidator,
    AuditLog audit,
    AbuseControlsCache cache,
    TimeProvider clock,
    IStringLocalizer<RulesMessages> text)
{
    public async Task<AbuseControls> LoadAsync(CancellationToken cancellationToken)
    {
        var rules = await db.AbuseRules.AsNoTracking().SingleOrDefaultAsync(r => r.Id == AbuseRules.SingletonId, cancellationToken)
            ?? AbuseRules.Defaults();
        var entries = await db.AccessList.AsNoTracking()
            .OrderBy(e => e.List).ThenBy(e => e.Kind).ThenBy(e => e.Value)
            .ToListAsync(cancellationToken);
        return new AbuseControls(rules, entries);
    }

    public async Task<RulesChangeResult> ChangeRulesAsync(AbuseRulesChange change, Actor actor, CancellationToken cancellationToken)
    {
        var validation = await rulesValidator.ValidateAsync(change, cancellationToken);
        if (!validation.IsValid)
            return new RulesChangeResult.Invalid(validation.Errors.Select(e => new FieldError(e.PropertyName, e.ErrorMessage)).ToArray());

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Locked, so that two Admins saving at once are audited in order, each with the true "before".
        var rules = await db.AbuseRules
            .FromSql($"SELECT * FROM abuse_rules WHERE id = {AbuseRules.SingletonId} FOR UPDATE")
            .SingleAsync(cancellationToken);
        var before = Describe(rules);
        rules.Change(
            AbuseRulesChange.Number(change.BurstLimit)!.Value,
            TimeSpan.FromSeconds(AbuseRulesChange.Number(change.BurstWindowSeconds)!.Value),
            AbuseRulesChange.Number(change.SustainedLimit)!.Value,
            TimeSpan.FromMinutes(AbuseRulesChange.Number(change.SustainedWindowMinutes)!.Value),
            TimeSpan.FromSeconds(AbuseRulesChange.Number(change.MinimumFillSeconds)!.Value));
        var after = Describe(rules);
        if (after == before)
            return new RulesChangeResult.Unchanged();

        audit.Record(actor, AuditActions.RulesChanged, "abuse-rules", $"before: {before}; after: {after}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        cache.Changed();
        return new RulesChangeResult.Changed();
    }

    public async Task<AccessListResult> AddAsync(AccessListAddition addition, Actor actor, CancellationToken cancellationToken)
    {
        var validation = await additionValidator.ValidateAsync(addition, cancellationToken);
        if (!validation.IsValid)
            return new AccessListResult.Invalid(validation.Errors.Select(e => new FieldError(e.PropertyName, e.ErrorMessage)).ToArray());

        var list = addition.ParsedList!.Value;
        var kind = addition.ParsedKind!.Value;
        var value = ((AccessListValue.Valid)AccessListValues.Normalize(kind, addition.Value!)).Value;
        var entry = new AccessListEntry(list, kind, value, addition.NormalizedNote, actor.Email, clock.GetUtcNow());
        db.AccessList.Add(entry);
        var description = Describe(entry);
        audit.Record(actor, AuditActions.AccessListChanged, "access-list", $"before: not listed; after: {description}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The unique index on (list, kind, value) decides, also for two Admins adding at once.
            db.ChangeTracker.Clear();
            return new AccessListResult.Invalid([new FieldError(nameof(AccessListAddition.Value),
                text[list == AccessList.Block ? "Rules.AlreadyOnBlockList" : "Rules.AlreadyOnAllowList", value])]);
        }
        cache.Changed();
        return new AccessListResult.Added(list, RulesText.Describe(text, kind, value));
    }

    public async Task<AccessListResult> RemoveAsync(long id, Actor actor, CancellationToken cancellationToken)
    {
        var entry = await db.AccessList.SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (entry is null)
            return new AccessListResult.NotFound();
        db.AccessList.Remove(entry);
        audit.Record(actor, AuditActions.AccessListChanged, "access-list", $"before: {Describe(entry)}; after: removed");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another Admin removed it first, and their removal is the one in the audit log.
            db.ChangeTracker.Clear();
            return new AccessListResult.NotFound();
        }
        cache.Changed();
        return new AccessListResult.Removed(entry.List, RulesText.Describe(text, entry.Kind, entry.Value));
    }

    public static string ListName(AccessList list) => list == AccessList.Block ? "block list" : "allow list";

    private static string Describe(AccessListEntry entry) =>
        $"{ListName(entry.List)}, {AccessListValues.Describe(entry.Kind, entry.Value)}" + (entry.Note is null ? "" : $", note \"{entry.Note}\"");

    private static string Describe(AbuseRules rules) => string.Create(CultureInfo.InvariantCulture,
        $"burst {rules.BurstLimit} in {Durations.Describe(rules.BurstWindow)}, " +
        $"sustained {rules.SustainedLimit} in {Durations.Describe(rules.SustainedWindow)}, " +
        $"minimum fill time {Durations.Describe(rules.MinimumFillTime)}");
}
