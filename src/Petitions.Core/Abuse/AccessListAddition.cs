using FluentValidation;
using Microsoft.Extensions.Localization;
using Petitions.Core.Text;

namespace Petitions.Core.Abuse;

// The "add to a list" form as an Admin filled it in.
public sealed record AccessListAddition
{
    public string? List { get; init; }
    public string? Kind { get; init; }
    public string? Value { get; init; }
    public string? Note { get; init; }

    internal AccessList? ParsedList => Enum.TryParse<AccessList>(List, ignoreCase: true, out var list) && Enum.IsDefined(list) ? list : null;
    internal AccessKind? ParsedKind => Enum.TryParse<AccessKind>(Kind, ignoreCase: true, out var kind) && Enum.IsDefined(kind) ? kind : null;
    internal string? NormalizedNote => string.IsNullOrWhiteSpace(Note) ? null : Note.Trim();
}

public sealed class AccessListAdditionValidator : AbstractValidator<AccessListAddition>
{
    // Messages are looked up when a rule fails, in the language of the request being validated.
    public AccessListAdditionValidator(IStringLocalizer<RulesMessages> text)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(r => r.List)
            .Must((r, _) => r.ParsedList is not null).WithMessage(_ => text["Rules.ListRequired"]);
        RuleFor(r => r.Kind)
            .Must((r, _) => r.ParsedKind is not null).WithMessage(_ => text["Rules.KindRequired"]);
        RuleFor(r => r.Value)
            .Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage(_ => text["Rules.ValueRequired"])
            .Must(v => v!.Trim().Length <= AccessListValues.ValueMaxLength)
                .WithMessage(_ => text["Rules.ValueTooLong", AccessListValues.ValueMaxLength])
            .Must(TextRules.IsOneLine).WithMessage(_ => text["Rules.ValueUnreadable"])
            .Custom((value, context) =>
            {
                if (context.InstanceToValidate.ParsedKind is { } kind
                    && AccessListValues.Normalize(kind, value!) is AccessListValue.Invalid invalid)
                    context.AddFailure(RulesText.Invalid(text, invalid));
            });
        RuleFor(r => r.Note)
            .Must(n => n!.Trim().Length <= AccessListValues.NoteMaxLength)
                .WithMessage(_ => text["Rules.NoteTooLong", AccessListValues.NoteMaxLength])
            .Must(TextRules.IsMultiLine).WithMessage(_ => text["Rules.NoteUnreadable"])
            .When(r => r.Note is not null);
    }
}
