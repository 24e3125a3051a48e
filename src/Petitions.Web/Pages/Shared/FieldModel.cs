namespace Petitions.Web.Pages.Shared;

// One labelled form field with its hint and error, rendered by _Field.cshtml so that every field
// links its label, hint and error the same way for screen readers.
public sealed record FieldModel(string Name, string Label, string? Value, string? Error)
{
    public string Id => Name.Replace('.', '_');
    public string? Hint { get; init; }
    public string Type { get; init; } = "text";
    public string? Autocomplete { get; init; }
    // "numeric" for whole numbers: a text field with a number keypad, which keeps what was typed
    // for its error message, where type="number" would blank it.
    public string? InputMode { get; init; }
    public int? MaxLength { get; init; }
    public bool Required { get; init; }
    public bool Multiline { get; init; }
    public IReadOnlyList<(string Value, string Text)>? Options { get; init; }
    // The first entry of a list, chosen when nothing is: "Any" on a filter; when null, "Choose…"
    // in the reader's language.
    public string? EmptyOption { get; init; }
    // On a filter every field is optional, and saying so on each one is noise.
    public bool MarkOptional { get; init; } = true;
    // The language of what is typed, when it is not the page's (a translation): (tag, "ltr" or "rtl").
    public (string Tag, string Dir)? ValueLanguage { get; init; }

    public string? DescribedBy
    {
        get
        {
            var ids = new[] { Hint is null ? null : Id + "-hint", Error is null ? null : Id + "-error" }.OfType<string>().ToArray();
            return ids.Length == 0 ? null : string.Join(' ', ids);
        }
    }
}
