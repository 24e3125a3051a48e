using System.Text.RegularExpressions;
using System.Web;
using Npgsql;
using Petitions.Core.Moderation;

namespace Petitions.Bench;

// Runs EXPLAIN (ANALYZE, BUFFERS) on exactly the statement the signature list page runs for each
// scenario (SignatureList.PageQuery), and fails when one of them reads the table sequentially.
public static partial class Explainer
{
    public static async Task<int> RunAsync(string connectionString, int petitionId, string[] scenarios)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var failures = 0;
        foreach (var scenario in scenarios)
        {
            var (name, query) = (scenario.Split('|', 2)[0], scenario.Split('|', 2)[1]);
            var values = HttpUtility.ParseQueryString(query);
            var input = new SignatureFilterInput
            {
                Status = values["status"], Name = values["name"], Email = values["email"], Domain = values["domain"],
                Country = values["country"], Ip = values["ip"], From = values["from"], To = values["to"],
            };
            var cursor = new PageCursor(
                long.TryParse(values["after"], out var after) ? after : null,
                long.TryParse(values["before"], out var before) ? before : null);
            var (sql, parameters) = SignatureList.PageQuery(petitionId, SignatureFilter.Parse(input), cursor);

            await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, BUFFERS) " + sql, connection);
            command.Parameters.AddRange(parameters);
            var plan = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                    plan.Add(reader.GetString(0));
            }

            var text = string.Join('\n', plan);
            var sequential = text.Contains("Seq Scan on signatures");
            failures += sequential ? 1 : 0;
            var indexes = IndexName().Matches(text).Select(m => m.Groups[1].Value).Distinct();
            Console.WriteLine($"### {name}: {query}");
            Console.WriteLine($"-- execution {ExecutionTime().Match(text).Groups[1].Value} ms; indexes: {string.Join(", ", indexes)}{(sequential ? "; SEQUENTIAL SCAN" : "")}");
            Console.WriteLine(sql);
            Console.WriteLine(string.Join(", ", parameters.Select(p => $"{p.ParameterName}={p.Value}")));
            Console.WriteLine(text);
            Console.WriteLine();
        }
        return failures == 0 ? 0 : 1;
    }

    [GeneratedRegex(@"(?:Scan(?: Backward)? using|Bitmap Index Scan on) (\w+)")]
    private static partial Regex IndexName();

    [GeneratedRegex(@"Execution Time: ([\d.]+) ms")]
    private static partial Regex ExecutionTime();
}
