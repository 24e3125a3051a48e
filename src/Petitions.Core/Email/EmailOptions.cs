namespace Petitions.Core.Email;

public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? Username { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "Petitions <petitions@localhost>";
}

public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    public int BatchSize { get; set; } = 50;

    // How often each instance looks for mail written by other instances. Mail written by this
    // instance is sent at once; the poll only matters when several instances share a database.
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    // Retries double from the first delay and are capped, so mail flows again within a minute
    // of the SMTP server coming back, however long it was away.
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    // How long a claimed batch is reserved for the instance that claimed it. If that instance
    // dies mid-batch, another picks the rows up after this.
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
}
