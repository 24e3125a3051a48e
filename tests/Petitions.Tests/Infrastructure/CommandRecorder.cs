using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Petitions.Tests.Infrastructure;

// The SQL EF Core sends, with its parameters, so that a query-plan test can EXPLAIN exactly what
// the app runs, and a test can see how often a query reached the database. Requests served at
// once record at once, so the list is locked.
public sealed record RecordedCommand(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters);

public sealed class CommandRecorder : DbCommandInterceptor
{
    private readonly List<RecordedCommand> _commands = [];

    public IReadOnlyList<RecordedCommand> Commands
    {
        get
        {
            lock (_commands)
                return _commands.ToArray();
        }
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        var recorded = new RecordedCommand(command.CommandText,
            command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value)).ToList());
        lock (_commands)
            _commands.Add(recorded);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }
}
