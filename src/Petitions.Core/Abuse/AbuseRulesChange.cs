using System.Globalization;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace Petitions.Core.Abuse;

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

    // Messages are looked up when a rule fails, in the language of the request being validated.
    public AbuseRulesChangeValidator(IStringLocalizer<RulesMessages> text)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        WholeNumber(text, r => r.BurstLimit, "Rules.BurstLimitNotNumber", "Rules.BurstLimitRange", 1, MaxBurstLimit);
        WholeNumber(text, r => r.BurstWindowSeconds, "Rules.BurstWindowNotNumber", "Rules.BurstWindowRange", 1, MaxBurstWindowSeconds);
        WholeNumber(text, r => r.SustainedLimit, "Rules.SustainedLimitNotNumber", "Rules.SustainedLimitRange", 1, MaxSustainedLimit)
            .Must((r, v) => AbuseRulesChange.Number(r.BurstLimit) is not { } burst || AbuseRulesChange.Number(v) >= burst)
                .WithMessage(_ => text["Rules.SustainedBelowBurst"]);
        WholeNumber(text, r => r.SustainedWindowMinutes, "Rules.SustainedWindowNotNumber", "Rules.SustainedWindowRange", 1, MaxSustainedWindowMinutes)
            .Must((r, v) => AbuseRulesChange.Number(r.BurstWindowSeconds) is not { } burst || AbuseRulesChange.Number(v) * 60 > burst)
                .WithMessage(_ => text["Rules.SustainedWindowTooShort"]);
        WholeNumber(text, r => r.MinimumFillSeconds, "Rules.MinimumFillNotNumber", "Rules.MinimumFillRange", 0, MaxMinimumFillSeconds);
    }

    private IRuleBuilderOptions<AbuseRulesChange, string?> WholeNumber(IStringLocalizer<RulesMessages> text,
        System.Linq.Expressions.Expression<Func<AbuseRulesChange, string?>> field, string notNumber, string outOfRange, int min, int max) =>
        RuleFor(field)
            .Must(v => AbuseRulesChange.Number(v) is not null)
                .WithMessage(_ => text[notNumber])
            .Must(v => AbuseRulesChange.Number(v) is { } n && n >= min && n <= max)
                .WithMessage(_ => text[outOfRange, min.ToString("N0", CultureInfo.CurrentCulture), max.ToString("N0", CultureInfo.CurrentCulture)]);
}
