using System.Globalization;
using Petitions.Core.Publishing;

namespace Petitions.Web.Areas.Admin.Pages.Publishing;

// Numbers, dates and choices arrive as text, so that one the binder cannot read is reported at
// its field by the validator instead of arriving silently empty.
public sealed class PetitionInput
{
    public string? Slug { get; set; }
    public string? Title { get; set; }
    public string? RecipientName { get; set; }
    public string? RecipientAddress { get; set; }
    public string? Summary { get; set; }
    public string? Body { get; set; }
    public string? Demands { get; set; }
    public string? Target { get; set; }
    public string? ClosesOn { get; set; }
    public string? CityField { get; set; } = nameof(FieldMode.Optional);
    public string? CommentField { get; set; } = nameof(FieldMode.Optional);

    public PetitionForm ToForm()
    {
        var unreadable = new List<string>();
        int? target = null;
        if (!string.IsNullOrWhiteSpace(Target))
        {
            if (int.TryParse(Target.Trim(), NumberStyles.Integer | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var number))
                target = number;
            else
                unreadable.Add(nameof(PetitionForm.Target));
        }
        DateOnly? closesOn = null;
        if (!string.IsNullOrWhiteSpace(ClosesOn))
        {
            if (DateOnly.TryParseExact(ClosesOn.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                closesOn = day;
            else
                unreadable.Add(nameof(PetitionForm.ClosesOn));
        }
        return new()
        {
            Slug = Slug ?? "",
            Title = Title ?? "",
            RecipientName = RecipientName ?? "",
            RecipientAddress = RecipientAddress ?? "",
            Summary = Summary ?? "",
            Body = Body ?? "",
            Demands = (Demands ?? "").Replace("\r", ""),
            Target = target,
            ClosesOn = closesOn,
            CityField = Mode(CityField, nameof(PetitionForm.CityField), unreadable),
            CommentField = Mode(CommentField, nameof(PetitionForm.CommentField), unreadable),
            Unreadable = unreadable,
        };
    }

    // Only the names on the form: "42" would parse as an enum value and "Hidden,Required" as flags.
    private static FieldMode Mode(string? text, string field, List<string> unreadable)
    {
        if (Enum.GetNames<FieldMode>().FirstOrDefault(n => n.Equals(text?.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name)
            return Enum.Parse<FieldMode>(name);
        unreadable.Add(field);
        return FieldMode.Optional;
    }

    public static PetitionInput From(PetitionForm form) => new()
    {
        Slug = form.Slug,
        Title = form.Title,
        RecipientName = form.RecipientName,
        RecipientAddress = form.RecipientAddress,
        Summary = form.Summary,
        Body = form.Body,
        Demands = form.Demands,
        Target = form.Target?.ToString(CultureInfo.InvariantCulture),
        ClosesOn = form.ClosesOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        CityField = form.CityField.ToString(),
        CommentField = form.CommentField.ToString(),
    };
}
