using FluentValidation;
using Microsoft.Extensions.Localization;
using Petitions.Core.Languages;
using Petitions.Core.Publishing;
using Petitions.Core.Text;

namespace Petitions.Core.Signing;

public sealed class SignRequestValidator : AbstractValidator<SignRequest>
{
    // Messages are looked up when a rule fails, in the language of the request being validated.
    public SignRequestValidator(IStringLocalizer<CoreText> text)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(r => r.Name)
            .Must(n => !TextRules.IsBlank(n)).WithMessage(_ => text["Sign.NameRequired"])
            .Must(n => TextRules.CharacterCount(n.Trim()) <= SignatureRules.NameMaxLength)
                .WithMessage(_ => text["Sign.NameTooLong", SignatureRules.NameMaxLength])
            .Must(n => TextRules.IsOneLine(n) && !TextRules.HasUndecodedBytes(n)).WithMessage(_ => text["Sign.NameUnreadable"])
            .Must(n => !SignatureRules.HasWebAddress(n)).WithMessage(_ => text["Sign.NameIsLink"]);

        RuleFor(r => r.Email)
            .Must(e => !TextRules.IsBlank(e)).WithMessage(_ => text["Sign.EmailRequired"])
            .Must(e => !EmailAddresses.MixesAlphabets(e)).When(r => !TextRules.IsBlank(r.Email), ApplyConditionTo.CurrentValidator)
                .WithMessage(_ => text["Sign.EmailMixesAlphabets"])
            .Must(EmailAddresses.IsValid).When(r => !TextRules.IsBlank(r.Email), ApplyConditionTo.CurrentValidator)
                .WithMessage(_ => text["Sign.EmailFormat"]);

        RuleFor(r => r.Country)
            .Must(c => !string.IsNullOrWhiteSpace(c)).WithMessage(_ => text["Sign.CountryRequired"])
            .Must(c => Countries.IsKnown(c.Trim())).When(r => !string.IsNullOrWhiteSpace(r.Country), ApplyConditionTo.CurrentValidator)
                .WithMessage(_ => text["Sign.CountryUnknown"]);

        RuleFor(r => r.City)
            .Must(c => !TextRules.IsBlank(c)).WithMessage(_ => text["Sign.CityRequired"])
            .When((_, context) => ModeOf(context, nameof(SignRequest.City)) == FieldMode.Required);
        RuleFor(r => r.Comment)
            .Must(c => !TextRules.IsBlank(c)).WithMessage(_ => text["Sign.CommentRequired"])
            .When((_, context) => ModeOf(context, nameof(SignRequest.Comment)) == FieldMode.Required);

        RuleFor(r => r.City)
            .Must(c => TextRules.CharacterCount(c!.Trim()) <= SignatureRules.CityMaxLength)
                .WithMessage(_ => text["Sign.CityTooLong", SignatureRules.CityMaxLength])
            .Must(c => TextRules.IsOneLine(c) && !TextRules.HasUndecodedBytes(c)).WithMessage(_ => text["Sign.CityUnreadable"])
            .When(r => r.City is not null);

        RuleFor(r => r.Comment)
            .Must(c => TextRules.CharacterCount(c!.Trim()) <= SignatureRules.CommentMaxLength)
                .WithMessage(_ => text["Sign.CommentTooLong", SignatureRules.CommentMaxLength])
            .Must(TextRules.IsMultiLine)
                .WithMessage(_ => text["Sign.CommentUnreadable"])
            .When(r => r.Comment is not null);

        RuleFor(r => r.Consent)
            .Equal(true).WithMessage(_ => text["Sign.ConsentRequired"]);
    }

    // The petition decides which optional fields its form shows and requires; the signing
    // service passes them in the validation context.
    public const string FieldModesKey = "fieldModes";

    private static FieldMode ModeOf(ValidationContext<SignRequest> context, string field) =>
        context.RootContextData.TryGetValue(FieldModesKey, out var value) && value is IReadOnlyDictionary<string, FieldMode> modes
            && modes.TryGetValue(field, out var mode) ? mode : FieldMode.Optional;
}
