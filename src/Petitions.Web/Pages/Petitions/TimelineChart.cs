using System.Globalization;
using Petitions.Core.Statistics;

namespace Petitions.Web.Pages.Petitions;

// The geometry of the public page's signatures-per-hour chart, drawn as SVG on the server (no
// script): bars, a scale rounded to a readable number, a label at each UTC midnight, and a
// sentence that says what the chart shows for those who cannot see it. The partial lays it out.
// Sized for the page's text column: the viewBox scales down on narrow screens.
public sealed class TimelineChart
{
    public const int Width = 640;
    public const int Height = 220;
    public const int Left = 52;
    public const int Right = 8;
    public const int Top = 12;
    public const int Bottom = 36;
    public const double PlotWidth = Width - Left - Right;
    public const double PlotHeight = Height - Top - Bottom;

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public TimelineChart(IReadOnlyList<HourTally> hours)
    {
        Hours = hours;
        Total = hours.Sum(h => h.Signatures);
        Busiest = hours.Count == 0 ? null : hours.MaxBy(h => h.Signatures);
        Scale = NiceCeiling(Busiest?.Signatures ?? 0);
        var slot = hours.Count == 0 ? PlotWidth : PlotWidth / hours.Count;
        Bars = hours.Select((h, i) =>
        {
            var height = h.Signatures * PlotHeight / Scale;
            return new Bar(Left + i * slot, Top + PlotHeight - height, Math.Max(1, slot - 1), height, h);
        }).ToArray();
        // With fewer than two days of hours, each midnight is labelled; with a week, every one
        // fits too (about 80 units apart).
        Midnights = hours.Select((h, i) => (h, i))
            .Where(x => x.h.Hour.Hour == 0)
            .Select(x => new Tick(Left + x.i * slot, x.h.Hour.ToString("d MMM", English)))
            .ToArray();
    }

    public IReadOnlyList<HourTally> Hours { get; }
    public long Total { get; }
    public HourTally? Busiest { get; }
    public long Scale { get; }
    public IReadOnlyList<Bar> Bars { get; }
    public IReadOnlyList<Tick> Midnights { get; }

    public double Baseline => Top + PlotHeight;

    public static string Hour(DateTimeOffset hour) => hour.ToString("ddd d MMM HH:00", English);

    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public string Summary => Busiest is { Signatures: > 0 } busiest
        ? string.Create(English,
            $"{Total:N0} confirmed signatures from {Hour(Hours[0].Hour)} to {Hour(Hours[^1].Hour)} UTC. The busiest hour was {Hour(busiest.Hour)} UTC, with {busiest.Signatures:N0}.")
        : "No confirmed signatures in this period.";

    // 1, 2 or 5 times a power of ten, so that the scale's labels are round numbers.
    private static long NiceCeiling(long max)
    {
        if (max <= 1)
            return 1;
        for (long power = 1; ; power *= 10)
        {
            foreach (var step in new long[] { 1, 2, 5 })
            {
                if (step * power >= max)
                    return step * power;
            }
        }
    }

    public sealed record Bar(double X, double Y, double Width, double Height, HourTally Hour);

    public sealed record Tick(double X, string Label);
}
