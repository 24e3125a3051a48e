using FluentValidation;
using Petitions.Core.Petitions;

namespace Petitions.Core.Signing;

public sealed class SignRequestValidator : AbstractValidator<SignRequest>
{
    public SignRequestValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(r => r.Name)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter your full name.")
            .Must(n => CharacterCount(n.Trim()) <= SignatureRules.NameMaxLength)
                .WithMessage($"Your name must be {SignatureRules.NameMaxLength} characters or fewer.")
            .Must(HasNoControlCharacters).WithMessage("Your name contains characters that cannot be shown.");

        RuleFor(r => r.Email)
            .Must(e => !string.IsNullOrWhiteSpace(e)).WithMessage("Enter your email address.")
            .Must(EmailAddresses.IsValid).When(r => !string.IsNullOrWhiteSpace(r.Email), ApplyConditionTo.CurrentValidator)
                .WithMessage("Enter an email address in the right format, like name@example.com.");

        RuleFor(r => r.Country)
            .Must(c => !string.IsNullOrWhiteSpace(c)).WithMessage("Choose your country.")
            .Must(c => Countries.IsKnown(c.Trim())).When(r => !string.IsNullOrWhiteSpace(r.Country), ApplyConditionTo.CurrentValidator)
                .WithMessage("Choose your country from the list.");

        RuleFor(r => r.City)
            .Must(c => !string.IsNullOrWhiteSpace(c)).WithMessage("Enter your city or postcode.")
            .When((_, context) => ModeOf(context, nameof(SignRequest.City)) == FieldMode.Required);
        RuleFor(r => r.Comment)
            .Must(c => !string.IsNullOrWhiteSpace(c)).WithMessage("Enter a comment.")
            .When((_, context) => ModeOf(context, nameof(SignRequest.Comment)) == FieldMode.Required);

        RuleFor(r => r.City)
            .Must(c => CharacterCount(c!.Trim()) <= SignatureRules.CityMaxLength)
                .WithMessage($"Your city or postcode must be {SignatureRules.CityMaxLength} characters or fewer.")
            .Must(HasNoControlCharacters).WithMessage("Your city or postcode contains characters that cannot be shown.")
            .When(r => r.City is not null);

        RuleFor(r => r.Comment)
            .Must(c => CharacterCount(c!.Trim()) <= SignatureRules.CommentMaxLength)
                .WithMessage($"Your comment must be {SignatureRules.CommentMaxLength} characters or fewer.")
            .Must(c => HasNoControlCharacters(c!.Replace("\r", "").Replace("\n", "")))
                .WithMessage("Your comment contains characters that cannot be shown.")
            .When(r => r.Comment is not null);

        RuleFor(r => r.Consent)
            .Equal(true).WithMessage("Tick the box to agree that your signature will be delivered.");
    }

    // The petition decides which optional fields its form shows and requires; the signing
    // service passes them in the validation context.
    public const string FieldModesKey = "fieldModes";

    private static FieldMode ModeOf(ValidationContext<SignRequest> context, string field) =>
        context.RootContextData.TryGetValue(FieldModesKey, out var value) && value is IReadOnlyDictionary<string, FieldMode> modes
            && modes.TryGetValue(field, out var mode) ? mode : FieldMode.Optional;

    // Counted in Unicode scalar values, as PostgreSQL counts varchar length, so a name of
    // 200 Hangul syllables or emoji fits exactly when the form says it does.
    internal static int CharacterCount(string value) => value.EnumerateRunes().Count();

    // Control characters (NUL, escape, CR/LF in a one-line field) and lone surrogates cannot be
    // shown or stored faithfully; refusing them here keeps them out of pages, emails and exports.
    internal static bool HasNoControlCharacters(string? value) =>
        value is null || (!value.Any(char.IsControl) && HasValidSurrogates(value));

    private static bool HasValidSurrogates(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                    return false;
                i++;
            }
            else if (char.IsLowSurrogate(value[i]))
            {
                return false;
            }
        }
        return true;
    }
}
