using System.Globalization;
using Microsoft.Extensions.Localization;
using Petitions.Core.Counting;
using Petitions.Core.Languages;

namespace Petitions.Web.Pages.Shared;

// Where a chart draws inside its SVG viewBox: the plot, and the margins for the scale's labels
// (left) and the dates (below).
public sealed record ChartFrame(int Width, int Height, int Left, int Right, int Top, int Bottom)
{
    public double PlotWidth => Width - Left - Right;
    public double PlotHeight => Height - Top - Bottom;
}

// The geometry of a signatures-per-hour bar chart, drawn as SVG on the server (no script): bars,
// a scale rounded to a readable number, a label at each UTC midnight, and a sentence that says
// what the chart shows for those who cannot see it. The petition page's statistics and the staff
// dashboard each lay it out in their own frame. Dates are written in the reader's language; the
// hours stay UTC, as the chart's title says.
public class HourChart
{
    // The petition page's statistics: the page's text column. The viewBox scales down on narrow screens.
    public static readonly ChartFrame PetitionPage = new(Width: 640, Height: 220, Left: 52, Right: 8, Top: 12, Bottom: 36);

    // The staff dashboard: the wide staff column.
    public static readonly ChartFrame Dashboard = new(Width: 900, Height: 240, Left: 56, Right: 12, Top: 16, Bottom: 40);

    public HourChart(IReadOnlyList<HourTally> hours, ChartFrame frame)
    {
        Frame = frame;
        Hours = hours;
        Total = hours.Sum(h => h.Signatures);
        Busiest = hours.Count == 0 ? null : hours.MaxBy(h => h.Signatures);
        Scale = NiceCeiling(Busiest?.Signatures ?? 0);
        var slot = hours.Count == 0 ? frame.PlotWidth : frame.PlotWidth / hours.Count;
        Bars = hours.Select((h, i) =>
        {
            var height = h.Signatures * frame.PlotHeight / Scale;
            return new Bar(frame.Left + i * slot, frame.Top + frame.PlotHeight - height, Math.Max(1, slot - 1), height, h);
        }).ToArray();
        // A week of midnights fits in the narrower frame too (about 80 units apart).
        Midnights = hours.Select((h, i) => (h, i))
            .Where(x => x.h.Hour.Hour == 0)
            .Select(x => new Tick(frame.Left + x.i * slot, Day(x.h.Hour)))
            .ToArray();
    }

    public ChartFrame Frame { get; }
    public IReadOnlyList<HourTally> Hours { get; }
    public long Total { get; }
    public HourTally? Busiest { get; }
    public long Scale { get; }
    public IReadOnlyList<Bar> Bars { get; }
    public IReadOnlyList<Tick> Midnights { get; }

    public double Baseline => Frame.Top + Frame.PlotHeight;

    // "28 November 14:00", "11월 28일 14:00": the day as the reader's language writes a month and
    // day (Gregorian, in every language), and the hour on the 24-hour clock.
    public static string Hour(DateTimeOffset hour)
    {
        var dates = SiteLanguages.Current.DateCulture;
        return hour.UtcDateTime.ToString(dates.DateTimeFormat.MonthDayPattern + " HH:00", dates);
    }

    // The short day under a midnight tick: "28 Nov", "11월 28일".
    public static string Day(DateTimeOffset hour)
    {
        var dates = SiteLanguages.Current.DateCulture;
        return hour.UtcDateTime.ToString(dates.DateTimeFormat.MonthDayPattern.Replace("MMMM", "MMM"), dates);
    }

    // A count as the reader's language groups digits.
    public static string Count(long signatures) => signatures.ToString("N0", CultureInfo.CurrentCulture);

    // A mark on the scale, which may be half of 1.
    public static string Count(double scale) => scale.ToString("#,0.##", CultureInfo.CurrentCulture);

    // SVG coordinates: always with a full stop, whatever the language.
    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    // The chart's text alternative, from the page's words (Chart.* in PageText).
    public string Summary(IStringLocalizer text) => Busiest is { Signatures: > 0 } busiest
        ? text["Chart.Summary", Count(Total), Hour(Hours[0].Hour), Hour(Hours[^1].Hour), Hour(busiest.Hour), Count(busiest.Signatures)]
        : text["Chart.Empty"];

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
