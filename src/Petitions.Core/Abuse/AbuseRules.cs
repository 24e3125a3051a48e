namespace Petitions.Core.Abuse;

// The runtime-adjustable limits on signing. One row; staff change it in the admin area and the
// next signature obeys it, with no restart. Over a limit, a signature is flagged, not refused.
public sealed class AbuseRules
{
    public const int SingletonId = 1;

    private AbuseRules() { }

    public int Id { get; private set; } = SingletonId;

    // Burst: at most BurstLimit signatures from one IP address to one petition within BurstWindow.
    public int BurstLimit { get; private set; } = 5;
    public TimeSpan BurstWindow { get; private set; } = TimeSpan.FromMinutes(1);

    // Sustained: at most SustainedLimit within SustainedWindow.
    public int SustainedLimit { get; private set; } = 50;
    public TimeSpan SustainedWindow { get; private set; } = TimeSpan.FromHours(24);

    // A form sent back faster than a person can fill it in.
    public TimeSpan MinimumFillTime { get; private set; } = TimeSpan.FromSeconds(3);

    public static AbuseRules Defaults() => new();

    public void Change(int burstLimit, TimeSpan burstWindow, int sustainedLimit, TimeSpan sustainedWindow, TimeSpan minimumFillTime)
    {
        BurstLimit = burstLimit;
        BurstWindow = burstWindow;
        SustainedLimit = sustainedLimit;
        SustainedWindow = sustainedWindow;
        MinimumFillTime = minimumFillTime;
    }
}
