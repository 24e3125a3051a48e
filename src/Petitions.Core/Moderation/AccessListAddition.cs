using FluentValidation;
using Petitions.Core.Text;

namespace Petitions.Core.Moderation;

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
    public AccessListAdditionValidator()
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(r => r.List)
            .Must((r, _) => r.ParsedList is not null).WithMessage("Choose the block list or the allow list.");
        RuleFor(r => r.Kind)
            .Must((r, _) => r.ParsedKind is not null).WithMessage("Choose what kind of value this is.");
        RuleFor(r => r.Value)
            .Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Enter the address, range, domain or email address.")
            .Must(v => v!.Trim().Length <= AccessListValues.ValueMaxLength)
                .WithMessage($"Enter at most {AccessListValues.ValueMaxLength} characters.")
            .Must(TextRules.IsOneLine).WithMessage("Enter the value on one line, without control characters.")
            .Custom((value, context) =>
            {
                if (context.InstanceToValidate.ParsedKind is { } kind
                    && AccessListValues.Normalize(kind, value!) is AccessListValue.Invalid invalid)
                    context.AddFailure(invalid.Message);
            });
        RuleFor(r => r.Note)
            .Must(n => n!.Trim().Length <= AccessListValues.NoteMaxLength)
                .WithMessage($"The note must be {AccessListValues.NoteMaxLength} characters or fewer.")
            .Must(TextRules.IsMultiLine).WithMessage("The note contains characters that cannot be shown.")
            .When(r => r.Note is not null);
    }
}
