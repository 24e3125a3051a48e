using System.Globalization;
using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.Extensions.Localization;
using Petitions.Core.Text;

namespace Petitions.Core.Publishing;

public sealed partial class PetitionFormValidator : AbstractValidator<PetitionForm>
{
    public const int DemandMaxLength = 500;
    public const int MaxDemands = 20;

    // Years a petition can plausibly close in. A date typed as 0001-01-01 or 9999-12-31 is a
    // slip, and at the calendar's edges the date arithmetic of the page and the API has no room
    // (a deadline plus its grace period, the week before it).
    public static readonly DateOnly ClosesOnFirst = new(2000, 1, 1);
    public static readonly DateOnly ClosesOnLast = new(2199, 12, 31);

    // Messages are looked up when a rule fails, in the language of the request being validated.
    public PetitionFormValidator(IStringLocalizer<PetitionMessages> text)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(f => f.Title).Must(NotBlank).WithMessage(_ => text["Petition.TitleRequired"])
            .Must(t => t.Trim().Length <= PetitionRules.TitleMaxLength).WithMessage(_ => text["Petition.TitleTooLong", PetitionRules.TitleMaxLength])
            .Must(TextRules.IsOneLine).WithMessage(_ => text["Petition.TitleUnreadable"]);
        RuleFor(f => f.Slug).Must(NotBlank).WithMessage(_ => text["Petition.SlugRequired"])
            .Must(s => s.Trim().Length <= PetitionRules.SlugMaxLength).WithMessage(_ => text["Petition.SlugTooLong", PetitionRules.SlugMaxLength])
            .Must(s => SlugPattern().IsMatch(s.Trim())).WithMessage(_ => text["Petition.SlugFormat"]);
        RuleFor(f => f.RecipientName).Must(NotBlank).WithMessage(_ => text["Petition.RecipientRequired"])
            .Must(s => s.Trim().Length <= PetitionRules.RecipientNameMaxLength).WithMessage(_ => text["Petition.RecipientTooLong", PetitionRules.RecipientNameMaxLength])
            .Must(TextRules.IsOneLine).WithMessage(_ => text["Petition.RecipientUnreadable"]);
        RuleFor(f => f.RecipientAddress)
            .Must(s => s.Trim().Length <= PetitionRules.RecipientAddressMaxLength).WithMessage(_ => text["Petition.AddressTooLong", PetitionRules.RecipientAddressMaxLength])
            .Must(TextRules.IsMultiLine).WithMessage(_ => text["Petition.AddressUnreadable"]);
        RuleFor(f => f.Summary).Must(NotBlank).WithMessage(_ => text["Petition.SummaryRequired"])
            .Must(s => s.Trim().Length <= PetitionRules.SummaryMaxLength).WithMessage(_ => text["Petition.SummaryTooLong", PetitionRules.SummaryMaxLength])
            .Must(TextRules.IsMultiLine).WithMessage(_ => text["Petition.SummaryUnreadable"]);
        RuleFor(f => f.Body).Must(NotBlank).WithMessage(_ => text["Petition.BodyRequired"])
            .Must(s => s.Length <= PetitionRules.BodyMaxLength).WithMessage(_ => text["Petition.BodyTooLong", PetitionRules.BodyMaxLength.ToString("N0", CultureInfo.CurrentCulture)])
            .Must(TextRules.IsDocument).WithMessage(_ => text["Petition.BodyUnreadable"]);
        RuleFor(f => f.DemandList).Must(d => d.Count > 0).WithMessage(_ => text["Petition.DemandsRequired"])
            .Must(d => d.Count <= MaxDemands).WithMessage(_ => text["Petition.DemandsTooMany", MaxDemands])
            .Must(d => d.All(x => x.Length <= DemandMaxLength)).WithMessage(_ => text["Petition.DemandTooLong", DemandMaxLength])
            .Must(d => d.All(TextRules.IsOneLine)).WithMessage(_ => text["Petition.DemandUnreadable"])
            .OverridePropertyName(nameof(PetitionForm.Demands));
        RuleFor(f => f.Target)
            .Must((f, _) => !f.Unreadable.Contains(nameof(PetitionForm.Target))).WithMessage(_ => TargetRange(text))
            .NotNull().WithMessage(_ => text["Petition.TargetRequired"])
            .InclusiveBetween(1, 100_000_000).WithMessage(_ => TargetRange(text));
        RuleFor(f => f.ClosesOn)
            .Must((f, _) => !f.Unreadable.Contains(nameof(PetitionForm.ClosesOn))).WithMessage(_ => text["Petition.ClosesOnFormat"])
            .InclusiveBetween(ClosesOnFirst, ClosesOnLast).WithMessage(_ => text["Petition.ClosesOnRange",
                ClosesOnFirst.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ClosesOnLast.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
        RuleFor(f => f.CityField)
            .Must((f, _) => !f.Unreadable.Contains(nameof(PetitionForm.CityField))).WithMessage(_ => text["Petition.CityFieldRequired"])
            .IsInEnum().WithMessage(_ => text["Petition.CityFieldRequired"]);
        RuleFor(f => f.CommentField)
            .Must((f, _) => !f.Unreadable.Contains(nameof(PetitionForm.CommentField))).WithMessage(_ => text["Petition.CommentFieldRequired"])
            .IsInEnum().WithMessage(_ => text["Petition.CommentFieldRequired"]);
    }

    private static string TargetRange(IStringLocalizer<PetitionMessages> text) =>
        text["Petition.TargetRange", 1.ToString("N0", CultureInfo.CurrentCulture), 100_000_000.ToString("N0", CultureInfo.CurrentCulture)];

    private static bool NotBlank(string? value) => !TextRules.IsBlank(value);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();
}
