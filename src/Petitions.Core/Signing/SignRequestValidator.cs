using FluentValidation;
using Petitions.Core.Petitions;
using Petitions.Core.Text;

namespace Petitions.Core.Signing;

public sealed class SignRequestValidator : AbstractValidator<SignRequest>
{
    public SignRequestValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(r => r.Name)
            .Must(n => !TextRules.IsBlank(n)).WithMessage("Enter your full name.")
            .Must(n => TextRules.CharacterCount(n.Trim()) <= SignatureRules.NameMaxLength)
                .WithMessage($"Your name must be {SignatureRules.NameMaxLength} characters or fewer.")
            .Must(n => TextRules.IsOneLine(n) && !TextRules.HasUndecodedBytes(n)).WithMessage("Your name contains characters that cannot be shown.");

        RuleFor(r => r.Email)
            .Must(e => !TextRules.IsBlank(e)).WithMessage("Enter your email address.")
            .Must(e => !EmailAddresses.MixesAlphabets(e)).When(r => !TextRules.IsBlank(r.Email), ApplyConditionTo.CurrentValidator)
                .WithMessage("Your email address mixes letters from different alphabets, such as a Cyrillic а among Latin letters. Check it is typed correctly.")
            .Must(EmailAddresses.IsValid).When(r => !TextRules.IsBlank(r.Email), ApplyConditionTo.CurrentValidator)
                .WithMessage("Enter an email address in the right format, like name@example.com.");

        RuleFor(r => r.Country)
            .Must(c => !string.IsNullOrWhiteSpace(c)).WithMessage("Choose your country.")
            .Must(c => Countries.IsKnown(c.Trim())).When(r => !string.IsNullOrWhiteSpace(r.Country), ApplyConditionTo.CurrentValidator)
                .WithMessage("Choose your country from the list.");

        RuleFor(r => r.City)
            .Must(c => !TextRules.IsBlank(c)).WithMessage("Enter your city or postcode.")
            .When((_, context) => ModeOf(context, nameof(SignRequest.City)) == FieldMode.Required);
        RuleFor(r => r.Comment)
            .Must(c => !TextRules.IsBlank(c)).WithMessage("Enter a comment.")
            .When((_, context) => ModeOf(context, nameof(SignRequest.Comment)) == FieldMode.Required);

        RuleFor(r => r.City)
            .Must(c => TextRules.CharacterCount(c!.Trim()) <= SignatureRules.CityMaxLength)
                .WithMessage($"Your city or postcode must be {SignatureRules.CityMaxLength} characters or fewer.")
            .Must(c => TextRules.IsOneLine(c) && !TextRules.HasUndecodedBytes(c)).WithMessage("Your city or postcode contains characters that cannot be shown.")
            .When(r => r.City is not null);

        RuleFor(r => r.Comment)
            .Must(c => TextRules.CharacterCount(c!.Trim()) <= SignatureRules.CommentMaxLength)
                .WithMessage($"Your comment must be {SignatureRules.CommentMaxLength} characters or fewer.")
            .Must(TextRules.IsMultiLine)
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
}
