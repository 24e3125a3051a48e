using System.Globalization;
using System.Reflection;
using FluentValidation;
using Microsoft.Extensions.Localization;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Data;
using Petitions.Core.Text;

namespace Petitions.Core.Audit;

// The audit log's filter form as it arrived in the query string. Dates are UTC days, both ends
// included. Before is the keyset cursor of the page to continue from.
public sealed record AuditSearch
{
    public string? Action { get; init; }
    public string? Actor { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public string? Before { get; init; }

    internal static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}

public sealed class AuditSearchValidator : AbstractValidator<AuditSearch>
{
    // Messages are looked up when a rule fails, in the language of the request being validated.
    public AuditSearchValidator(IStringLocalizer<AuditMessages> text)
    {
        RuleFor(s => s.Action)
            .Must(a => AuditQueries.Actions.Contains(a!)).WithMessage(_ => text["Audit.Filter.ActionUnknown"])
            .When(s => !string.IsNullOrEmpty(s.Action));
        // PostgreSQL refuses NUL even as a parameter, and no address holds a control character.
        RuleFor(s => s.Actor)
            .Must(TextRules.IsOneLine).WithMessage(_ => text["Audit.Filter.ActorUnreadable"])
            .When(s => !string.IsNullOrEmpty(s.Actor));
        RuleFor(s => s.From)
            .Must(d => AuditSearch.Date(d) is not null).WithMessage(_ => text["Audit.Filter.FromFormat"])
            .When(s => !string.IsNullOrWhiteSpace(s.From));
        RuleFor(s => s.To)
            .Must(d => AuditSearch.Date(d) is not null).WithMessage(_ => text["Audit.Filter.ToFormat"])
            .Must((s, d) => AuditSearch.Date(s.From) is not { } from || AuditSearch.Date(d) >= from)
                .WithMessage(_ => text["Audit.Filter.ToBeforeFrom"])
            .When(s => !string.IsNullOrWhiteSpace(s.To));
    }
}

public sealed record AuditRow(long Id, DateTimeOffset At, string ActorEmail, string? IpAddress, string Action, string? Target, string? Details);

public abstract record AuditSearchResult
{
    // Older is the cursor for the next page, or null on the last one.
    public sealed record Found(IReadOnlyList<AuditRow> Entries, string? Older) : AuditSearchResult;
    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : AuditSearchResult;
}

public sealed class AuditQueries(PetitionsDbContext db, IValidator<AuditSearch> validator)
{
    public const int PageSize = 50;

    // Every action the app records, read from the constants so that a new one appears in the filter.
    public static IReadOnlyList<string> Actions { get; } = typeof(AuditActions)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .Order(StringComparer.Ordinal)
        .ToArray();

    // Newest first, by keyset on (at, id): a page costs the same however far back it is, and
    // entries written while someone pages do not shift what they see next.
    public async Task<AuditSearchResult> SearchAsync(AuditSearch search, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(search, cancellationToken);
        if (!validation.IsValid)
            return new AuditSearchResult.Invalid(validation.Errors.Select(e => new FieldError(e.PropertyName, e.ErrorMessage)).ToArray());

        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrEmpty(search.Action))
            query = query.Where(a => a.Action == search.Action);
        if (!string.IsNullOrWhiteSpace(search.Actor))
        {
            var pattern = "%" + EscapeLike(search.Actor.Trim()) + "%";
            query = query.Where(a => EF.Functions.ILike(a.ActorEmail, pattern, "\\"));
        }
        if (AuditSearch.Date(search.From) is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(a => a.At >= start);
        }
        // The calendar's last day has no day after it to end before: it means "to the end".
        if (AuditSearch.Date(search.To) is { } to && to < DateOnly.MaxValue)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(a => a.At < end);
        }
        if (Cursor.Parse(search.Before) is { } before)
            query = query.Where(a => a.At < before.At || (a.At == before.At && a.Id < before.Id));

        var rows = await query
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id)
            .Take(PageSize + 1)
            .Select(a => new { a.Id, a.At, a.ActorEmail, a.IpAddress, a.Action, a.Target, a.Details })
            .ToListAsync(cancellationToken);

        var page = rows.Take(PageSize)
            .Select(a => new AuditRow(a.Id, a.At, a.ActorEmail, a.IpAddress?.ToString(), a.Action, a.Target, a.Details))
            .ToArray();
        var older = rows.Count > PageSize ? new Cursor(page[^1].At, page[^1].Id).ToString() : null;
        return new AuditSearchResult.Found(page, older);
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    // "<UTC ticks>-<id>": opaque to staff, and a mangled one simply starts from the newest entry.
    private sealed record Cursor(DateTimeOffset At, long Id)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{At.UtcTicks}-{Id}");

        public static Cursor? Parse(string? text)
        {
            var parts = text?.Split('-');
            if (parts is not { Length: 2 }
                || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                || ticks > DateTimeOffset.MaxValue.UtcTicks)
                return null;
            return new Cursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
        }
    }
}
