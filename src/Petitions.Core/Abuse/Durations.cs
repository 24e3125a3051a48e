using System.Globalization;

namespace Petitions.Core.Abuse;

// Windows and times as a moderator reads them in a flag reason or the audit log: "1 minute",
// "24 hours", "90 seconds".
public static class Durations
{
    public static string Describe(TimeSpan span)
    {
        if (span > TimeSpan.FromDays(1) && span.Ticks % TimeSpan.TicksPerDay == 0)
            return Plural((long)span.TotalDays, "day");
        if (span >= TimeSpan.FromHours(1) && span.Ticks % TimeSpan.TicksPerHour == 0)
            return Plural((long)span.TotalHours, "hour");
        if (span >= TimeSpan.FromMinutes(1) && span.Ticks % TimeSpan.TicksPerMinute == 0)
            return Plural((long)span.TotalMinutes, "minute");
        if (span.Ticks % TimeSpan.TicksPerSecond == 0)
            return Plural((long)span.TotalSeconds, "second");
        return string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.###} seconds");
    }

    private static string Plural(long count, string unit) => count == 1 ? $"1 {unit}" : string.Create(CultureInfo.InvariantCulture, $"{count:#,0} {unit}s");
}
