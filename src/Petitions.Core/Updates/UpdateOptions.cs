namespace Petitions.Core.Updates;

public sealed class UpdateOptions
{
    public const string Section = "Updates";

    // How many update emails a second the sending job hands to the outbox, across all of an
    // instance's updates. Mail providers limit how fast a sender may send before they defer or
    // mark it as spam; 50 a second is a million emails in under six hours. Zero or less means no
    // limit: batches follow one another as fast as the database takes them.
    public int MessagesPerSecond { get; set; } = 50;

    // Recipients handed to the outbox in one transaction at most. With a limit, a batch is also
    // never more than one second's worth, so the pace stays even.
    public int BatchSize { get; set; } = 500;

    // How often each instance looks for updates being sent that another instance started.
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    // How long an update being sent is reserved for the instance sending it. Renewed with every
    // batch; an update whose instance died is taken up again, where it stopped, once it lapses.
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    public int EffectiveBatchSize => MessagesPerSecond > 0 ? Math.Max(1, Math.Min(BatchSize, MessagesPerSecond)) : Math.Max(1, BatchSize);
}
