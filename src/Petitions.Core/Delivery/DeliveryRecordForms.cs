using FluentValidation;
using Microsoft.Extensions.Localization;
using Petitions.Core.Text;

namespace Petitions.Core.Delivery;

// The delivery form as staff filled it in. Photo is null when no file was chosen.
public sealed record DeliveryRecordRequest
{
    public DateOnly? On { get; init; }
    public string? Place { get; init; }
    public string? By { get; init; }
    public long? ExportJobId { get; init; }
    public PhotoUpload? Photo { get; init; }
    public bool RemovePhoto { get; init; }
}

// The file as it arrived: its length is known before it is read, so a file over the limit is
// refused without reading it.
public sealed record PhotoUpload(Stream Content, long Length);

public enum ResponseKind
{
    Response,
    NoResponse,
}

// The recipient's answer, or the date by which none had come.
public sealed record ResponseRequest
{
    public ResponseKind? Kind { get; init; }
    public string? Text { get; init; }
    public DateOnly? On { get; init; }
}

internal static class Days
{
    // Staff anywhere record "today": the last day to have begun somewhere on Earth (UTC+14).
    public static DateOnly LatestToday(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime.AddHours(14));
}

public sealed class DeliveryRecordValidator : AbstractValidator<DeliveryRecordRequest>
{
    public DeliveryRecordValidator(IStringLocalizer<DeliveryRecordMessages> text, TimeProvider clock)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(r => r.On)
            .NotNull().WithMessage(_ => text["Record.DateRequired"])
            .Must(on => on <= Days.LatestToday(clock.GetUtcNow())).WithMessage(_ => text["Record.DateInFuture"]);
        RuleFor(r => r.Place)
            .Must(v => !TextRules.IsBlank(v)).WithMessage(_ => text["Record.PlaceRequired"])
            .Must(v => v!.Trim().Length <= DeliveryRules.PlaceMaxLength).WithMessage(_ => text["Record.PlaceTooLong", DeliveryRules.PlaceMaxLength])
            .Must(TextRules.IsOneLine).WithMessage(_ => text["Record.PlaceUnreadable"]);
        RuleFor(r => r.By)
            .Must(v => !TextRules.IsBlank(v)).WithMessage(_ => text["Record.ByRequired"])
            .Must(v => v!.Trim().Length <= DeliveryRules.DeliveredByMaxLength).WithMessage(_ => text["Record.ByTooLong", DeliveryRules.DeliveredByMaxLength])
            .Must(TextRules.IsOneLine).WithMessage(_ => text["Record.ByUnreadable"]);
        RuleFor(r => r.ExportJobId)
            .NotNull().WithMessage(_ => text["Record.ExportRequired"]);
    }
}

public sealed class ResponseRequestValidator : AbstractValidator<ResponseRequest>
{
    public ResponseRequestValidator(IStringLocalizer<DeliveryRecordMessages> text, TimeProvider clock)
    {
        RuleLevelCascadeMode = CascadeMode.Stop;

        RuleFor(r => r.Kind)
            .Must(k => k is not null && Enum.IsDefined(k.Value)).WithMessage(_ => text["Record.KindRequired"]);
        RuleFor(r => r.Text)
            .Must(v => !TextRules.IsBlank(v)).WithMessage(_ => text["Record.ResponseRequired"])
            .Must(v => v!.Trim().Length <= DeliveryRules.ResponseMaxLength).WithMessage(_ => text["Record.ResponseTooLong", DeliveryRules.ResponseMaxLength])
            .Must(TextRules.IsDocument).WithMessage(_ => text["Record.ResponseUnreadable"])
            .When(r => r.Kind == ResponseKind.Response);
        RuleFor(r => r.On)
            .NotNull().WithMessage(r => r.Kind == ResponseKind.NoResponse ? text["Record.NoResponseDateRequired"] : text["Record.ResponseDateRequired"])
            .Must(on => on <= Days.LatestToday(clock.GetUtcNow())).WithMessage(_ => text["Record.DateInFuture"]);
    }
}
