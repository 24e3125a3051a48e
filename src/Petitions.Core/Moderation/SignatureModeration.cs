using System.Globalization;
using System.Text.Json;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using NpgsqlTypes;
using Petitions.Core.Audit;
using Petitions.Core.Counting;
using Petitions.Core.Data;
using Petitions.Core.Languages;
using Petitions.Core.Publishing;
using Petitions.Core.Signing;
using Petitions.Core.Text;

namespace Petitions.Core.Moderation;

public enum SignatureChange
{
    Invalidate,
    Restore,
    Approve,
}

public abstract record ModerationResult
{
    // CountChange is how far the public count moved: negative when counted signatures were invalidated.
    public sealed record Changed(int Signatures, int CountChange) : ModerationResult;
    // Nothing was in a state the change applies to: already done, perhaps by someone else.
    public sealed record Unchanged : ModerationResult;
    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : ModerationResult;
    public sealed record NotFound : ModerationResult;
}

public sealed record BulkPreview(ModerationPetition Petition, SignatureChange Change, int Signatures, int CountChange);

public abstract record BulkPreviewResult
{
    public sealed record Ready(BulkPreview Preview) : BulkPreviewResult;
    public sealed record Invalid(ModerationPetition Petition, IReadOnlyList<FieldError> Errors) : BulkPreviewResult;
    public sealed record NotFound : BulkPreviewResult;
}

// Invalidating, restoring and approving signatures, one at a time or by filter. Each is one
// guarded UPDATE: the WHERE names the state the change applies to, so a double click, two
// moderators or a racing confirmation find nothing left to change rather than changing it twice.
// The counter moves by exactly the number of rows that entered or left the count, in the same
// transaction as the update and its audit entry. A delivered petition's count is frozen, so its
// signatures are no longer changed at all.
public sealed class SignatureModeration(
    PetitionsDbContext db,
    SignatureCounter counter,
    PetitionSnapshots snapshots,
    SignatureList list,
    AuditLog audit,
    IValidator<SignatureFilterInput> filterValidator,
    IStringLocalizer<ModerationMessages> text,
    TimeProvider clock)
{
    public Task<ModerationResult> InvalidateAsync(long signatureId, string? reason, Actor actor, CancellationToken cancellationToken) =>
        ChangeOneAsync(signatureId, SignatureChange.Invalidate, reason, actor, cancellationToken);

    public Task<ModerationResult> RestoreAsync(long signatureId, Actor actor, CancellationToken cancellationToken) =>
        ChangeOneAsync(signatureId, SignatureChange.Restore, null, actor, cancellationToken);

    public Task<ModerationResult> ApproveAsync(long signatureId, Actor actor, CancellationToken cancellationToken) =>
        ChangeOneAsync(signatureId, SignatureChange.Approve, null, actor, cancellationToken);

    public async Task<BulkPreviewResult> PreviewAsync(int petitionId, SignatureChange change, SignatureFilterInput filter, CancellationToken cancellationToken)
    {
        var petition = await list.PetitionAsync(petitionId, cancellationToken);
        if (petition is null)
            return new BulkPreviewResult.NotFound();
        if (await counter.DeliveredAsync(petitionId, cancellationToken) is { } delivered)
            return new BulkPreviewResult.Invalid(petition, [Frozen(delivered)]);
        var validation = await filterValidator.ValidateAsync(filter, cancellationToken);
        if (!validation.IsValid)
            return new BulkPreviewResult.Invalid(petition, validation.Errors.Select(e => new FieldError(e.PropertyName, e.ErrorMessage)).ToArray());

        var where = SignatureFilterSql.For(petitionId, SignatureFilter.Parse(filter));
        var rule = Rules[change];
        // Only fixed SQL is put together here; every value travels as a parameter.
        var sql = $"""
            SELECT count(*)::int AS changed, (count(*) FILTER (WHERE {rule.MovesCount}))::int AS counted
            FROM signatures
            WHERE {where.Where}
              AND {rule.Guard}
            """;
        var counts = await db.Database.SqlQueryRaw<PreviewCount>(sql, [.. where.Parameters]).SingleAsync(cancellationToken);
        return new BulkPreviewResult.Ready(new BulkPreview(petition, change, counts.Changed, rule.Direction * counts.Counted));
    }

    public async Task<ModerationResult> ApplyAsync(
        int petitionId, SignatureChange change, SignatureFilterInput filter, string? reason, Actor actor, CancellationToken cancellationToken)
    {
        if (await list.PetitionAsync(petitionId, cancellationToken) is null)
            return new ModerationResult.NotFound();
        var errors = (await filterValidator.ValidateAsync(filter, cancellationToken)).Errors
            .Select(e => new FieldError(e.PropertyName, e.ErrorMessage))
            .Concat(ReasonErrors(change, reason, required: true))
            .ToArray();
        if (errors.Length > 0)
            return new ModerationResult.Invalid(errors);

        var where = SignatureFilterSql.For(petitionId, SignatureFilter.Parse(filter));
        return await ApplyAsync(petitionId, where, change, reason, actor, $"petition:{petitionId}", filter, cancellationToken);
    }

    private async Task<ModerationResult> ChangeOneAsync(long signatureId, SignatureChange change, string? reason, Actor actor, CancellationToken cancellationToken)
    {
        var errors = ReasonErrors(change, reason, required: change == SignatureChange.Invalidate).ToArray();
        if (errors.Length > 0)
            return new ModerationResult.Invalid(errors);
        var petitionId = await db.Signatures.Where(s => s.Id == signatureId).Select(s => (int?)s.PetitionId).SingleOrDefaultAsync(cancellationToken);
        if (petitionId is null)
            return new ModerationResult.NotFound();
        return await ApplyAsync(petitionId.Value, SignatureFilterSql.ForSignature(signatureId), change, reason, actor, $"signature:{signatureId}", null, cancellationToken);
    }

    // The filter's rows all belong to the one petition.
    private async Task<ModerationResult> ApplyAsync(
        int petitionId, SignatureFilterSql where, SignatureChange change, string? reason, Actor actor, string target, SignatureFilterInput? filter, CancellationToken cancellationToken)
    {
        var rule = Rules[change];
        var now = clock.GetUtcNow();

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await counter.DeliveredAsync(petitionId, cancellationToken) is { } delivered)
            return new ModerationResult.Invalid([Frozen(delivered)]);
        var sql = $"""
            WITH changed AS (
                UPDATE signatures SET {rule.Set(where, now, reason?.Trim())}
                WHERE {where.Where}
                  AND {rule.Guard}
                RETURNING petition_id, {rule.MovesCount} AS moves_count
            )
            SELECT petition_id, count(*)::int AS changed, (count(*) FILTER (WHERE moves_count))::int AS counted
            FROM changed GROUP BY petition_id
            """;
        var changed = await db.Database.SqlQueryRaw<ChangeCount>(sql, [.. where.Parameters]).ToListAsync(cancellationToken);

        if (changed.Count == 0)
            return new ModerationResult.Unchanged();

        foreach (var petition in changed.Where(c => c.Counted > 0))
            await counter.AddAsync(petition.PetitionId, rule.Direction * petition.Counted, cancellationToken);
        var total = changed.Sum(c => c.Changed);
        var countChange = rule.Direction * changed.Sum(c => c.Counted);
        audit.Record(actor, rule.AuditAction, target, JsonSerializer.Serialize(
            new AuditDetails(total, countChange, reason?.Trim(), filter?.Describe(), filter?.Describe(withoutPersonalData: true)), JsonSerializerOptions.Web));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var petition in changed.Where(c => c.Counted > 0))
            snapshots.Changed(petition.PetitionId);
        return new ModerationResult.Changed(total, countChange);
    }

    private FieldError Frozen(DeliveredCount delivered) => new("", text["Moderation.CountFrozen",
        SiteLanguages.Current.Date(delivered.On), delivered.Count.ToString("N0", CultureInfo.CurrentCulture)]);

    private IEnumerable<FieldError> ReasonErrors(SignatureChange change, string? reason, bool required)
    {
        if (TextRules.IsBlank(reason))
        {
            if (required)
                yield return new FieldError("Reason", change switch
                {
                    SignatureChange.Invalidate => text["Moderation.ReasonRequired.Invalidate"],
                    SignatureChange.Restore => text["Moderation.ReasonRequired.Restore"],
                    _ => text["Moderation.ReasonRequired.Approve"],
                });
        }
        else if (reason!.Trim().Length > SignatureRules.ReasonMaxLength)
        {
            yield return new FieldError("Reason", text["Moderation.ReasonTooLong", SignatureRules.ReasonMaxLength]);
        }
        else if (!TextRules.IsMultiLine(reason))
        {
            yield return new FieldError("Reason", text["Moderation.ReasonUnreadable"]);
        }
    }

    // For each change: which rows it applies to (Guard), what it sets, and which of those rows
    // enter or leave the count (MovesCount). MovesCount reads only columns the change leaves alone,
    // so it means the same before the update (preview) and after it (RETURNING). It relies on the
    // rule that a signature that is not invalidated has confirmed_at set exactly when it is
    // Confirmed: confirmation sets both, and restore derives the status from confirmed_at. Withdrawn
    // rows keep their confirmed_at, so every guard leaves them out (withdrawal also clears the flag).
    private sealed record ChangeRule(string Guard, Func<SignatureFilterSql, DateTimeOffset, string?, string> Set, string MovesCount, int Direction, string AuditAction);

    private static readonly Dictionary<SignatureChange, ChangeRule> Rules = new()
    {
        // A withdrawn signature is its signer's decision and holds nothing left to judge.
        [SignatureChange.Invalidate] = new(
            "status NOT IN ('Invalidated', 'Withdrawn')",
            (sql, now, reason) => $"status = 'Invalidated', invalidated_at = {sql.Parameter(now, NpgsqlDbType.TimestampTz)}, "
                + $"invalidation_reason = {sql.Parameter(reason!, NpgsqlDbType.Varchar)}",
            "confirmed_at IS NOT NULL AND flagged_at IS NULL",
            -1,
            AuditActions.SignatureInvalidated),
        [SignatureChange.Restore] = new(
            "status = 'Invalidated'",
            (_, _, _) => "status = CASE WHEN confirmed_at IS NULL THEN 'Pending' ELSE 'Confirmed' END, invalidated_at = NULL, invalidation_reason = NULL",
            "confirmed_at IS NOT NULL AND flagged_at IS NULL",
            +1,
            AuditActions.SignatureRestored),
        [SignatureChange.Approve] = new(
            "flagged_at IS NOT NULL AND status <> 'Invalidated'",
            (_, _, _) => "flagged_at = NULL, flag_reason = NULL",
            "confirmed_at IS NOT NULL",
            +1,
            AuditActions.SignatureApproved),
    };

    private sealed record ChangeCount(int PetitionId, int Changed, int Counted);

    private sealed record PreviewCount(int Changed, int Counted);

    // MinimisedFilter is what Filter becomes when the retention job minimises the entry
    // (Privacy/ModerationAuditMinimising); until then the audit shows exactly what was searched for.
    private sealed record AuditDetails(int Count, int CountChange, string? Reason, string? Filter, string? MinimisedFilter);
}
