using System.Globalization;
using FluentValidation;
using Microsoft.Extensions.Localization;
using Petitions.Core.Text;

namespace Petitions.Core.Updates;

// What staff write: the update in the petition's main language, and who it goes to. A translation
// is the same form without the audience.
public sealed record UpdateForm(string Title, string Body, UpdateAudience? Audience);

public sealed class UpdateFormValidator : AbstractValidator<UpdateForm>
{
    public UpdateFormValidator(IStringLocalizer<UpdateMessages> text)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(f => f.Title).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(_ => text["Update.TitleRequired"])
            .Must(t => t.Trim().Length <= UpdateRules.TitleMaxLength).WithMessage(_ => text["Update.TitleTooLong", UpdateRules.TitleMaxLength])
            .Must(TextRules.IsOneLine).WithMessage(_ => text["Update.TitleUnreadable"]);
        RuleFor(f => f.Body).Must(b => !string.IsNullOrWhiteSpace(b)).WithMessage(_ => text["Update.BodyRequired"])
            .Must(b => b.Trim().Length <= UpdateRules.BodyMaxLength)
            .WithMessage(_ => text["Update.BodyTooLong", UpdateRules.BodyMaxLength.ToString("N0", CultureInfo.CurrentCulture)])
            .Must(TextRules.IsDocument).WithMessage(_ => text["Update.BodyUnreadable"]);
        RuleFor(f => f.Audience).NotNull().WithMessage(_ => text["Update.AudienceRequired"])
            .Must(a => a is null || Enum.IsDefined(a.Value)).WithMessage(_ => text["Update.AudienceRequired"]);
    }
}
