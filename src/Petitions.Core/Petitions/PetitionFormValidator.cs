using System.Text.RegularExpressions;
using FluentValidation;
using Petitions.Core.Text;

namespace Petitions.Core.Petitions;

public sealed partial class PetitionFormValidator : AbstractValidator<PetitionForm>
{
    public const int DemandMaxLength = 500;
    public const int MaxDemands = 20;

    public PetitionFormValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(f => f.Title).Must(NotBlank).WithMessage("Enter a title.")
            .Must(t => t.Trim().Length <= PetitionRules.TitleMaxLength).WithMessage($"The title must be {PetitionRules.TitleMaxLength} characters or fewer.")
            .Must(TextRules.IsOneLine).WithMessage("The title contains characters that cannot be shown, such as line breaks or control characters.");
        RuleFor(f => f.Slug).Must(NotBlank).WithMessage("Enter the web address of the petition.")
            .Must(s => s.Trim().Length <= PetitionRules.SlugMaxLength).WithMessage($"The web address must be {PetitionRules.SlugMaxLength} characters or fewer.")
            .Must(s => SlugPattern().IsMatch(s.Trim())).WithMessage("Use only lower-case letters, digits and hyphens, like save-the-river.");
        RuleFor(f => f.RecipientName).Must(NotBlank).WithMessage("Enter who the petition is addressed to.")
            .Must(s => s.Trim().Length <= PetitionRules.RecipientNameMaxLength).WithMessage($"The recipient must be {PetitionRules.RecipientNameMaxLength} characters or fewer.")
            .Must(TextRules.IsOneLine).WithMessage("The recipient contains characters that cannot be shown, such as line breaks or control characters.");
        RuleFor(f => f.RecipientAddress)
            .Must(s => s.Trim().Length <= PetitionRules.RecipientAddressMaxLength).WithMessage($"The address must be {PetitionRules.RecipientAddressMaxLength} characters or fewer.")
            .Must(TextRules.IsMultiLine).WithMessage("The address contains characters that cannot be shown.");
        RuleFor(f => f.Summary).Must(NotBlank).WithMessage("Enter a summary.")
            .Must(s => s.Trim().Length <= PetitionRules.SummaryMaxLength).WithMessage($"The summary must be {PetitionRules.SummaryMaxLength} characters or fewer.")
            .Must(TextRules.IsMultiLine).WithMessage("The summary contains characters that cannot be shown.");
        RuleFor(f => f.Body).Must(NotBlank).WithMessage("Enter the text of the petition.")
            .Must(s => s.Length <= PetitionRules.BodyMaxLength).WithMessage($"The text must be {PetitionRules.BodyMaxLength:N0} characters or fewer.")
            .Must(TextRules.IsDocument).WithMessage("The text contains characters that cannot be shown.");
        RuleFor(f => f.DemandList).Must(d => d.Count > 0).WithMessage("Enter at least one demand, one a line.")
            .Must(d => d.Count <= MaxDemands).WithMessage($"Enter at most {MaxDemands} demands.")
            .Must(d => d.All(x => x.Length <= DemandMaxLength)).WithMessage($"Each demand must be {DemandMaxLength} characters or fewer.")
            .Must(d => d.All(TextRules.IsOneLine)).WithMessage("A demand contains characters that cannot be shown.")
            .OverridePropertyName(nameof(PetitionForm.Demands));
        RuleFor(f => f.Target)
            .Must((f, _) => !f.Unreadable.Contains(nameof(PetitionForm.Target))).WithMessage("The target must be a whole number from 1 to 100,000,000.")
            .NotNull().WithMessage("Enter a target number of signatures.")
            .InclusiveBetween(1, 100_000_000).WithMessage("The target must be a whole number from 1 to 100,000,000.");
        RuleFor(f => f.ClosesOn)
            .Must((f, _) => !f.Unreadable.Contains(nameof(PetitionForm.ClosesOn))).WithMessage("Enter the closing date as YYYY-MM-DD, like 2026-12-31, or leave it empty.");
        RuleFor(f => f.CityField)
            .Must((f, _) => !f.Unreadable.Contains(nameof(PetitionForm.CityField))).WithMessage("Choose whether the sign form asks for a city or postcode.")
            .IsInEnum().WithMessage("Choose whether the sign form asks for a city or postcode.");
        RuleFor(f => f.CommentField)
            .Must((f, _) => !f.Unreadable.Contains(nameof(PetitionForm.CommentField))).WithMessage("Choose whether the sign form asks for a comment.")
            .IsInEnum().WithMessage("Choose whether the sign form asks for a comment.");
    }

    private static bool NotBlank(string? value) => !TextRules.IsBlank(value);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}
