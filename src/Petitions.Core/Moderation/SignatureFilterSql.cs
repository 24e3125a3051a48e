using Npgsql;
using NpgsqlTypes;
using Petitions.Core.Abuse;
using Petitions.Core.Signing;

namespace Petitions.Core.Moderation;

// The one translation of a filter into SQL. The list, the bulk preview and the bulk update all
// use it, so a bulk action changes exactly the signatures the moderator was looking at.
// Every condition leaves the petition_id = @p equality in place, so each filter can use an index
// that leads with the petition (see SignatureConfiguration).
public sealed class SignatureFilterSql
{
    private readonly List<string> _conditions = [];

    public List<NpgsqlParameter> Parameters { get; } = [];

    public string Where => string.Join("\n  AND ", _conditions);

    public static SignatureFilterSql For(int petitionId, SignatureFilter filter)
    {
        var sql = new SignatureFilterSql();
        sql.Add($"petition_id = {sql.Parameter(petitionId, NpgsqlDbType.Integer)}");

        switch (filter.State)
        {
            case ModerationState.Pending:
                sql.Add("status = 'Pending' AND flagged_at IS NULL");
                break;
            case ModerationState.Confirmed:
                sql.Add(Signature.CountedSql);
                break;
            case ModerationState.Flagged:
                sql.Add("flagged_at IS NOT NULL AND status <> 'Invalidated'");
                break;
            case ModerationState.Invalidated:
                sql.Add("status = 'Invalidated'");
                break;
            case ModerationState.Withdrawn:
                sql.Add("status = 'Withdrawn'");
                break;
        }

        // ILIKE '%…%' is served by the trigram indexes on name and normalized_email.
        if (filter.NameContains is { } name)
            sql.Add($"name ILIKE {sql.Parameter(Contains(name), NpgsqlDbType.Text)}");
        if (filter.EmailIs is { } email)
            sql.Add($"normalized_email = {sql.Parameter(email, NpgsqlDbType.Varchar)}");
        if (filter.EmailContains is { } part)
            sql.Add($"normalized_email ILIKE {sql.Parameter(Contains(part), NpgsqlDbType.Text)}");
        if (filter.Domain is { } domain)
            sql.Add($"email_domain = {sql.Parameter(domain, NpgsqlDbType.Varchar)}");
        // country is character(2): a text parameter would make PostgreSQL compare as text and
        // skip the index, so the parameter is sent as character(2) too.
        if (filter.Country is { } country)
            sql.Add($"country = {sql.Parameter(country, NpgsqlDbType.Char)}");

        if (filter.Ip is { } ip)
        {
            var ranges = new[] { ip, ip.MappedToIPv6 }.OfType<IpRange>()
                .Select(r => $"(ip_address >= {sql.Parameter(r.First, NpgsqlDbType.Inet)} AND ip_address <= {sql.Parameter(r.Last, NpgsqlDbType.Inet)})");
            sql.Add($"({string.Join(" OR ", ranges)})");
        }

        // Whole days in UTC, the "to" day included.
        if (filter.From is { } from)
            sql.Add($"signed_at >= {sql.Parameter(StartOf(from), NpgsqlDbType.TimestampTz)}");
        // The calendar's last day has no day after it to end before: it means "to the end".
        if (filter.To is { } to && to < DateOnly.MaxValue)
            sql.Add($"signed_at < {sql.Parameter(StartOf(to.AddDays(1)), NpgsqlDbType.TimestampTz)}");
        return sql;
    }

    public static SignatureFilterSql ForSignature(long signatureId)
    {
        var sql = new SignatureFilterSql();
        sql.Add($"id = {sql.Parameter(signatureId, NpgsqlDbType.Bigint)}");
        return sql;
    }

    public void Add(string condition) => _conditions.Add(condition);

    public string Parameter(object value, NpgsqlDbType type)
    {
        var name = $"@f{Parameters.Count}";
        Parameters.Add(new NpgsqlParameter(name, type) { Value = value });
        return name;
    }

    private static string Contains(string text) =>
        "%" + text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%";

    private static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
