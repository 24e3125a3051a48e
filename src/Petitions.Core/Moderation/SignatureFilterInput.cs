using System.Globalization;
using FluentValidation;
using Petitions.Core.Signing;
using Petitions.Core.Text;

namespace Petitions.Core.Moderation;

// The filter form as the moderator filled it in. Every field is text, so that a bad value comes
// back as a message next to its field rather than as a binding failure or a 500.
public sealed record SignatureFilterInput
{
    public string? Status { get; init; }
    public string? Name { get; init; }
    public string? Email { get; init; }
    public string? Domain { get; init; }
    public string? Country { get; init; }
    public string? Ip { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }

    public const string DateFormat = "yyyy-MM-dd";

    internal static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    // The filter in words, for the audit log: only the fields that were filled in.
    public string Describe()
    {
        var parts = new (string Name, string? Value)[]
        {
            ("status", Status), ("name", Name), ("email", Email), ("domain", Domain),
            ("country", Country), ("ip", Ip), ("from", From), ("to", To),
        };
        var filled = parts.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => $"{p.Name}={p.Value!.Trim()}").ToArray();
        return filled.Length == 0 ? "all signatures" : string.Join(", ", filled);
    }
}

public sealed class SignatureFilterValidator : AbstractValidator<SignatureFilterInput>
{
    public SignatureFilterValidator()
    {
        RuleFor(f => f.Status)
            .Must(s => ModerationStates.TryParse(s, out _)).When(f => !string.IsNullOrWhiteSpace(f.Status))
            .WithMessage("Choose a status from the list.");

        // A search can never match what no signature may hold, and PostgreSQL refuses NUL even
        // as a parameter, so such text gets a message rather than a query.
        RuleFor(f => f.Name)
            .Cascade(CascadeMode.Stop)
            .Must(n => n!.Trim().Length <= SignatureRules.NameMaxLength)
                .WithMessage($"A name to search for must be {SignatureRules.NameMaxLength} characters or fewer.")
            .Must(TextRules.IsOneLine)
                .WithMessage("A name to search for cannot contain line breaks, control characters or direction marks.")
            .When(f => f.Name is not null);

        RuleFor(f => f.Email)
            .Cascade(CascadeMode.Stop)
            .Must(e => e!.Trim().Length <= SignatureRules.EmailMaxLength)
                .WithMessage($"An email to search for must be {SignatureRules.EmailMaxLength} characters or fewer.")
            .Must(TextRules.IsOneLine)
                .WithMessage("An email to search for cannot contain line breaks, control characters or direction marks.")
            .When(f => f.Email is not null);

        RuleFor(f => f.Domain)
            .Must(d => EmailDomains.TryNormalize(d, out _)).When(f => !string.IsNullOrWhiteSpace(f.Domain))
            .WithMessage("Enter an email domain like example.org.");

        RuleFor(f => f.Country)
            .Must(c => Countries.IsKnown(c!.Trim())).When(f => !string.IsNullOrWhiteSpace(f.Country))
            .WithMessage("Choose a country from the list.");

        RuleFor(f => f.Ip)
            .Must(ip => IpRange.TryParse(ip, out _)).When(f => !string.IsNullOrWhiteSpace(f.Ip))
            .WithMessage("Enter an IP address like 203.0.113.7, or a range in CIDR form like 203.0.113.0/24.");

        RuleFor(f => f.From)
            .Must(d => SignatureFilterInput.TryParseDate(d, out _)).When(f => !string.IsNullOrWhiteSpace(f.From))
            .WithMessage("Enter the start date as YYYY-MM-DD, like 2026-11-27.");

        RuleFor(f => f.To)
            .Cascade(CascadeMode.Stop)
            .Must(d => SignatureFilterInput.TryParseDate(d, out _)).When(f => !string.IsNullOrWhiteSpace(f.To))
                .WithMessage("Enter the end date as YYYY-MM-DD, like 2026-11-27.")
            .Must((f, to) => !SignatureFilterInput.TryParseDate(f.From, out var from) || !SignatureFilterInput.TryParseDate(to, out var end) || from <= end)
                .WithMessage("The end date must be the same as or later than the start date.");
    }
}
