namespace Petitions.Core.Privacy;

public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    // Who decides what is done with signers' data (the "controller"), and how to reach them.
    public string? Controller { get; set; }
    public string? ContactEmail { get; set; }

    // Personal data is anonymised this many days after a petition is marked delivered.
    public int RetentionDaysAfterDelivery { get; set; } = 30;

    // IP addresses are needed only by the abuse rules, whose windows are minutes to a day.
    public int IpAddressDays { get; set; } = 7;

    // Sent (or finally refused) emails stay in the outbox this long, for troubleshooting; their
    // bodies hold names and working links, so they do not stay for ever.
    public int SentEmailDays { get; set; } = 7;

    // How often each instance runs the retention job; zero turns the background run off (the
    // `retention` verb still runs it).
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);

    // Rows changed per statement, so that no run holds many locks or a long transaction.
    public int RetentionBatchSize { get; set; } = 1000;
}
