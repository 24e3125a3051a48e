using System.Globalization;
using FluentValidation;

namespace Petitions.Core.Moderation;

// The rules form as an Admin filled it in. Numbers arrive as typed, so that "five" gets a message
// next to its field rather than a binding error.
public sealed record AbuseRulesChange
{
    public string? BurstLimit { get; init; }
    public string? BurstWindowSeconds { get; init; }
    public string? SustainedLimit { get; init; }
    public string? SustainedWindowMinutes { get; init; }
    public string? MinimumFillSeconds { get; init; }

    public static AbuseRulesChange From(AbuseRules rules) => new()
    {
        BurstLimit = Text(rules.BurstLimit),
        BurstWindowSeconds = Text((long)rules.BurstWindow.TotalSeconds),
        SustainedLimit = Text(rules.SustainedLimit),
        SustainedWindowMinutes = Text((long)rules.SustainedWindow.TotalMinutes),
        MinimumFillSeconds = Text((long)rules.MinimumFillTime.TotalSeconds),
    };

    internal static int? Number(string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.Integer | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}

// Limits that keep the rules meaningful: a window of zero would count nothing, a sustained rule
// looser in time but tighter in count than the burst rule would make the burst rule pointless.
public sealed class AbuseRulesChangeValidator : AbstractValidator<AbuseRulesChange>
{
    public const int MaxBurstLimit = 10_000;
    public const int MaxBurstWindowSeconds = 3_600;
    public const int MaxSustainedLimit = 1_000_000;
    public const int MaxSustainedWindowMinutes = 30 * 24 * 60;
    public const int MaxMinimumFillSeconds = 60;

    public AbuseRulesChangeValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        WholeNumber(r => r.BurstLimit, "the burst limit", "signatures", 1, MaxBurstLimit, "5");
        WholeNumber(r => r.BurstWindowSeconds, "the burst window", "seconds", 1, MaxBurstWindowSeconds, "60");
        WholeNumber(r => r.SustainedLimit, "the sustained limit", "signatures", 1, MaxSustainedLimit, "50")
            .Must((r, v) => AbuseRulesChange.Number(r.BurstLimit) is not { } burst || AbuseRulesChange.Number(v) >= burst)
                .WithMessage("The sustained limit must be at least the burst limit.");
        WholeNumber(r => r.SustainedWindowMinutes, "the sustained window", "minutes", 1, MaxSustainedWindowMinutes, "1440")
            .Must((r, v) => AbuseRulesChange.Number(r.BurstWindowSeconds) is not { } burst || AbuseRulesChange.Number(v) * 60 > burst)
                .WithMessage("The sustained window must be longer than the burst window.");
        WholeNumber(r => r.MinimumFillSeconds, "the minimum time to fill in the form", "seconds", 0, MaxMinimumFillSeconds, "3");
    }

    private IRuleBuilderOptions<AbuseRulesChange, string?> WholeNumber(
        System.Linq.Expressions.Expression<Func<AbuseRulesChange, string?>> field, string what, string unit, int min, int max, string example) =>
        RuleFor(field)
            .Must(v => AbuseRulesChange.Number(v) is not null)
                .WithMessage($"Enter {what} as a whole number of {unit}, like {example}.")
            .Must(v => AbuseRulesChange.Number(v) is { } n && n >= min && n <= max)
                .WithMessage(string.Create(CultureInfo.InvariantCulture, $"{char.ToUpperInvariant(what[0])}{what[1..]} must be from {min:#,0} to {max:#,0} {unit}."));
}
