using System.Net;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Petitions.Core.Counting;
using Petitions.Core.Data;
using Petitions.Core.Publishing;
using Petitions.Core.Signing;

namespace Petitions.Core.Moderation;

public sealed record ModerationPetition(int Id, string Slug, string Title, PetitionStatus Status, long SignatureCount);

public sealed record SignatureListRow(
    long Id, string Name, string? Email, string Country, string? City, IPAddress? IpAddress,
    DateTimeOffset SignedAt, SignatureSource Source, SignatureStatus Status, bool Flagged)
{
    public ModerationState State => ModerationStates.Of(Status, Flagged);
}

// Keyset paging: a page is "the 50 after signature X" or "the 50 before it", never "skip N", so a
// page deep in a million signatures costs the same as the first and rows arriving meanwhile do not
// shift what the next link shows.
public sealed record PageCursor(long? After, long? Before)
{
    public static PageCursor First { get; } = new(null, null);
}

public sealed record SignatureListPage(ModerationPetition Petition, IReadOnlyList<SignatureListRow> Rows, long? NextAfter, long? PreviousBefore);

public abstract record SignatureListResult
{
    public sealed record Listed(SignatureListPage Page) : SignatureListResult;
    public sealed record Invalid(ModerationPetition Petition, IReadOnlyList<FieldError> Errors) : SignatureListResult;
    public sealed record NotFound : SignatureListResult;
}

public sealed record SignatureReview(Signature Signature, ModerationPetition Petition)
{
    public ModerationState State => ModerationStates.Of(Signature.Status, Signature.FlaggedAt);
}

public sealed class SignatureList(PetitionsDbContext db, SignatureCounter counter, IValidator<SignatureFilterInput> validator)
{
    public const int PageSize = 50;

    public async Task<SignatureListResult> ListAsync(int petitionId, SignatureFilterInput input, PageCursor cursor, CancellationToken cancellationToken)
    {
        var petition = await PetitionAsync(petitionId, cancellationToken);
        if (petition is null)
            return new SignatureListResult.NotFound();
        var validation = await validator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid)
            return new SignatureListResult.Invalid(petition, validation.Errors.Select(e => new FieldError(e.PropertyName, e.ErrorMessage)).ToArray());

        var (sql, parameters) = PageQuery(petitionId, SignatureFilter.Parse(input), cursor);
        // Run as written, not composed into a subquery: the order is the statement's own.
        var fetched = (await db.Signatures.FromSqlRaw(sql, parameters).AsNoTracking().ToListAsync(cancellationToken))
            .Select(s => new SignatureListRow(s.Id, s.Name, s.Email, s.Country, s.City, s.IpAddress, s.SignedAt, s.Source, s.Status, s.FlaggedAt != null))
            .ToList();

        // One row more than a page is read to learn whether another page follows.
        var more = fetched.Count > PageSize;
        var rows = fetched.Take(PageSize).ToList();
        if (IsBackwards(cursor))
        {
            rows.Reverse();
            return new SignatureListResult.Listed(new SignatureListPage(petition, rows,
                NextAfter: rows.Count > 0 ? rows[^1].Id : null,
                PreviousBefore: more ? rows[0].Id : null));
        }
        return new SignatureListResult.Listed(new SignatureListPage(petition, rows,
            NextAfter: more ? rows[^1].Id : null,
            PreviousBefore: cursor.After is not null && rows.Count > 0 ? rows[0].Id : null));
    }

    // The statement the list page runs, also run under EXPLAIN by the benchmark.
    public static (string Sql, NpgsqlParameter[] Parameters) PageQuery(int petitionId, SignatureFilter filter, PageCursor cursor)
    {
        var where = SignatureFilterSql.For(petitionId, filter);
        var backwards = IsBackwards(cursor);
        // With a date filter the list goes by signing time, so that the (petition_id, signed_at)
        // index finds a page at once; going by id from the newest would first pass every signature
        // made after the range. The cursor is still an id: its row says where the page starts.
        var bySigningTime = filter.From is not null || filter.To is not null;
        if ((cursor.After ?? cursor.Before) is { } cursorId)
        {
            var id = where.Parameter(cursorId, NpgsqlDbType.Bigint);
            var beyond = backwards ? ">" : "<";
            if (bySigningTime)
            {
                // The first condition is the one the index can seek with; the second breaks ties.
                where.Add($"signed_at {beyond}= (SELECT signed_at FROM signatures WHERE id = {id})");
                where.Add($"(signed_at, id) {beyond} (SELECT signed_at, id FROM signatures WHERE id = {id})");
            }
            else
            {
                where.Add($"id {beyond} {id}");
            }
        }
        var direction = backwards ? "ASC" : "DESC";
        var sql = $"""
            SELECT * FROM signatures
            WHERE {where.Where}
            ORDER BY {(bySigningTime ? $"signed_at {direction}, id {direction}" : $"id {direction}")}
            LIMIT {PageSize + 1}
            """;
        return (sql, where.Parameters.ToArray());
    }

    public async Task<SignatureReview?> FindAsync(long signatureId, CancellationToken cancellationToken)
    {
        var signature = await db.Signatures.AsNoTracking().SingleOrDefaultAsync(s => s.Id == signatureId, cancellationToken);
        if (signature is null)
            return null;
        var petition = await PetitionAsync(signature.PetitionId, cancellationToken);
        return new SignatureReview(signature, petition!);
    }

    public async Task<ModerationPetition?> PetitionAsync(int petitionId, CancellationToken cancellationToken)
    {
        var petition = await db.Petitions.AsNoTracking().Where(p => p.Id == petitionId)
            .Select(p => new { p.Id, p.Slug, p.Title, p.Status })
            .SingleOrDefaultAsync(cancellationToken);
        if (petition is null)
            return null;
        var count = await counter.CountAsync(petitionId, cancellationToken);
        return new ModerationPetition(petition.Id, petition.Slug, petition.Title, petition.Status, count);
    }

    private static bool IsBackwards(PageCursor cursor) => cursor.After is null && cursor.Before is not null;
}
