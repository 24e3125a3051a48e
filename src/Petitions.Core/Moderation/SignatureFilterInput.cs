using System.Globalization;
using FluentValidation;
using Microsoft.Extensions.Localization;
using Petitions.Core.Abuse;
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

    public const string Removed = "(removed)";

    // The filter in words, for the audit log: only the fields that were filled in. Without personal
    // data, the name, email and IP address a moderator searched for are only said to have been
    // there (see Privacy/RetentionJob); status, domain, country and dates stay.
    public string Describe(bool withoutPersonalData = false)
    {
        var parts = new (string Name, string? Value, bool Personal)[]
        {
            ("status", Status, false), ("name", Name, true), ("email", Email, true), ("domain", Domain, false),
            ("country", Country, false), ("ip", Ip, true), ("from", From, false), ("to", To, false),
        };
        var filled = parts.Where(p => !string.IsNullOrWhiteSpace(p.Value))
            .Select(p => $"{p.Name}={(p.Personal && withoutPersonalData ? Removed : p.Value!.Trim())}").ToArray();
        return filled.Length == 0 ? "all signatures" : string.Join(", ", filled);
    }
}

public sealed class SignatureFilterValidator : AbstractValidator<SignatureFilterInput>
{
    // Messages are looked up when a rule fails, in the language of the request being validated.
    public SignatureFilterValidator(IStringLocalizer<ModerationMessages> text)
    {
        RuleFor(f => f.Status)
            .Must(s => ModerationStates.TryParse(s, out _)).When(f => !string.IsNullOrWhiteSpace(f.Status))
            .WithMessage(_ => text["Moderation.Filter.StatusUnknown"]);

        // A search can never match what no signature may hold, and PostgreSQL refuses NUL even
        // as a parameter, so such text gets a message rather than a query.
        RuleFor(f => f.Name)
            .Cascade(CascadeMode.Stop)
            .Must(n => n!.Trim().Length <= SignatureRules.NameMaxLength)
                .WithMessage(_ => text["Moderation.Filter.NameTooLong", SignatureRules.NameMaxLength])
            .Must(TextRules.IsOneLine)
                .WithMessage(_ => text["Moderation.Filter.NameUnreadable"])
            .When(f => f.Name is not null);

        RuleFor(f => f.Email)
            .Cascade(CascadeMode.Stop)
            .Must(e => e!.Trim().Length <= SignatureRules.EmailMaxLength)
                .WithMessage(_ => text["Moderation.Filter.EmailTooLong", SignatureRules.EmailMaxLength])
            .Must(TextRules.IsOneLine)
                .WithMessage(_ => text["Moderation.Filter.EmailUnreadable"])
            .When(f => f.Email is not null);

        RuleFor(f => f.Domain)
            .Must(d => EmailDomains.TryNormalize(d, out _)).When(f => !string.IsNullOrWhiteSpace(f.Domain))
            .WithMessage(_ => text["Moderation.Filter.DomainFormat"]);

        RuleFor(f => f.Country)
            .Must(c => Countries.IsKnown(c!.Trim())).When(f => !string.IsNullOrWhiteSpace(f.Country))
            .WithMessage(_ => text["Moderation.Filter.CountryUnknown"]);

        RuleFor(f => f.Ip)
            .Must(ip => IpRange.TryParse(ip, out _)).When(f => !string.IsNullOrWhiteSpace(f.Ip))
            .WithMessage(_ => text["Moderation.Filter.IpFormat"]);

        RuleFor(f => f.From)
            .Must(d => SignatureFilterInput.TryParseDate(d, out _)).When(f => !string.IsNullOrWhiteSpace(f.From))
            .WithMessage(_ => text["Moderation.Filter.FromFormat"]);

        RuleFor(f => f.To)
            .Cascade(CascadeMode.Stop)
            .Must(d => SignatureFilterInput.TryParseDate(d, out _)).When(f => !string.IsNullOrWhiteSpace(f.To))
                .WithMessage(_ => text["Moderation.Filter.ToFormat"])
            .Must((f, to) => !SignatureFilterInput.TryParseDate(f.From, out var from) || !SignatureFilterInput.TryParseDate(to, out var end) || from <= end)
                .WithMessage(_ => text["Moderation.Filter.ToBeforeFrom"]);
    }
}
