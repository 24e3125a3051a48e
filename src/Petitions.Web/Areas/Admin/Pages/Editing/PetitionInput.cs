using Petitions.Core.Petitions;

namespace Petitions.Web.Areas.Admin.Pages.Editing;

public sealed class PetitionInput
{
    public string? Slug { get; set; }
    public string? Title { get; set; }
    public string? RecipientName { get; set; }
    public string? RecipientAddress { get; set; }
    public string? Summary { get; set; }
    public string? Body { get; set; }
    public string? Demands { get; set; }
    public int? Target { get; set; }
    public DateOnly? ClosesOn { get; set; }
    public FieldMode CityField { get; set; } = FieldMode.Optional;
    public FieldMode CommentField { get; set; } = FieldMode.Optional;

    public PetitionForm ToForm() => new()
    {
        Slug = Slug ?? "",
        Title = Title ?? "",
        RecipientName = RecipientName ?? "",
        RecipientAddress = RecipientAddress ?? "",
        Summary = Summary ?? "",
        Body = Body ?? "",
        Demands = (Demands ?? "").Replace("\r", ""),
        Target = Target,
        ClosesOn = ClosesOn,
        CityField = CityField,
        CommentField = CommentField,
    };

    public static PetitionInput From(PetitionForm form) => new()
    {
        Slug = form.Slug,
        Title = form.Title,
        RecipientName = form.RecipientName,
        RecipientAddress = form.RecipientAddress,
        Summary = form.Summary,
        Body = form.Body,
        Demands = form.Demands,
        Target = form.Target,
        ClosesOn = form.ClosesOn,
        CityField = form.CityField,
        CommentField = form.CommentField,
    };
}
