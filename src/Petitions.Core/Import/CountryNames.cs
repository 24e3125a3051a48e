using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Petitions.Core.Signing;

namespace Petitions.Core.Import;

// A country as volunteers write it on a sheet: an ISO code, or the country's name in English,
// in any case and with or without accents, plus the few everyday names that are not ISO's.
public static class CountryNames
{
    private static readonly Dictionary<string, string> Everyday = new()
    {
        ["UK"] = "GB", ["Great Britain"] = "GB", ["Britain"] = "GB", ["England"] = "GB", ["Scotland"] = "GB",
        ["Wales"] = "GB", ["Northern Ireland"] = "GB", ["USA"] = "US", ["United States of America"] = "US",
        ["South Korea"] = "KR", ["North Korea"] = "KP", ["Russia"] = "RU", ["Czech Republic"] = "CZ",
        ["Ivory Coast"] = "CI", ["Holland"] = "NL", ["Vietnam"] = "VN", ["Turkey"] = "TR",
    };

    private static readonly FrozenDictionary<string, string> ByName = Countries.All
        .Select(c => KeyValuePair.Create(Key(c.Name), c.Code))
        .Concat(Everyday.Select(e => KeyValuePair.Create(Key(e.Key), e.Value)))
        .DistinctBy(pair => pair.Key)
        .ToFrozenDictionary();

    public static string? CodeOf(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var trimmed = text.Trim();
        if (Countries.IsKnown(trimmed))
            return trimmed.ToUpperInvariant();
        return ByName.GetValueOrDefault(Key(trimmed));
    }

    private static string Key(string name)
    {
        var decomposed = name.Normalize(NormalizationForm.FormD);
        var key = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (char.IsLetterOrDigit(c))
                key.Append(char.ToLowerInvariant(c));
        }
        return key.ToString();
    }
}
