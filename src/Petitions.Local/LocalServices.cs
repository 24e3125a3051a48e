using Petitions.Local.LocalPostgres;
using Petitions.Local.Mail;

namespace Petitions.Local;

// What the app starts for itself when nothing is configured: its own PostgreSQL cluster and an
// in-process SMTP server. Disposing stops what this process started, and only that.
public sealed class LocalServices(LocalPostgresCluster? database, MailCatcher? mail) : IAsyncDisposable
{
    public LocalPostgresCluster? Database { get; } = database;
    public MailCatcher? Mail { get; } = mail;

    public bool IsZeroConfiguration => Database is not null;

    public async ValueTask DisposeAsync()
    {
        if (Mail is not null)
            await Mail.DisposeAsync();
        if (Database is not null)
            await Database.DisposeAsync();
    }
}
