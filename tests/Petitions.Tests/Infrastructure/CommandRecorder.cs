using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Petitions.Tests.Infrastructure;

// The SQL EF Core sends, with its parameters, so that a query-plan test can EXPLAIN exactly what
// the app runs.
public sealed record RecordedCommand(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters);

public sealed class CommandRecorder : DbCommandInterceptor
{
    public List<RecordedCommand> Commands { get; } = [];

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Commands.Add(new RecordedCommand(command.CommandText,
            command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value)).ToList()));
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }
}
