using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Petitions.Core.Languages;

namespace Petitions.Core.Signing;

// ISO 3166-1 alpha-2, the officially assigned codes. Their names, in each site language, come
// from the Unicode CLDR (CountryNames.json, written by tools/countries/generate.sh): .NET's
// RegionInfo answers in English only here, whatever the culture. English is the machine form
// (CSV, PDF, API) and the fallback; the public pages ask for the visitor's language.
public static class Countries
{
    private const string Codes =
        "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
        "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
        "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
        "KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT " +
        "MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW " +
        "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG " +
        "UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

    private const string English = "en";

    // Language tag (as in SiteLanguages) → code → name.
    private static readonly FrozenDictionary<string, FrozenDictionary<string, string>> Names = Load();

    private static readonly FrozenDictionary<string, string> EnglishNames = Names[English];

    private static readonly ConcurrentDictionary<string, IReadOnlyList<Country>> Sorted = new();

    public static IReadOnlyList<string> AllCodes { get; } = Codes.Split(' ');

    // English names in English order: staff pages and machine outputs.
    public static IReadOnlyList<Country> All { get; } = In(CultureInfo.GetCultureInfo(English));

    public static bool IsKnown(string? code) => code is { Length: 2 } && EnglishNames.ContainsKey(code);

    // The English name: what CSV exports, the delivery PDF and the API carry.
    public static string NameOf(string code) => EnglishNames.TryGetValue(code, out var name) ? name : code;

    // The name in the culture's language, else in English.
    public static string NameOf(string code, CultureInfo culture) =>
        TableFor(culture).TryGetValue(code, out var name) ? name : NameOf(code);

    // Every country by its name in the culture's language, in that language's alphabetical order.
    public static IReadOnlyList<Country> In(CultureInfo culture) =>
        Sorted.GetOrAdd(culture.Name, _ =>
        {
            var table = TableFor(culture);
            var order = StringComparer.Create(culture, CompareOptions.IgnoreCase);
            return AllCodes
                .Select(code => new Country(code, table.TryGetValue(code, out var name) ? name : NameOf(code)))
                .OrderBy(c => c.Name, order)
                .ToArray();
        });

    // The languages the table holds: the site's, whose tags are CLDR's.
    public static IReadOnlyCollection<string> Languages => Names.Keys;

    // The table of the site language the culture belongs to (ko-KR → ko, zh-TW → zh-Hant).
    private static FrozenDictionary<string, string> TableFor(CultureInfo culture) =>
        Names.TryGetValue(SiteLanguages.Of(culture).Tag, out var table) ? table : EnglishNames;

    private static FrozenDictionary<string, FrozenDictionary<string, string>> Load()
    {
        using var stream = typeof(Countries).Assembly.GetManifestResourceStream("Petitions.Countries.names.json")
            ?? throw new InvalidOperationException("The country names resource is missing from Petitions.Core.");
        var languages = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(stream)!;
        return languages.ToFrozenDictionary(
            pair => pair.Key,
            pair => pair.Value.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase),
            StringComparer.OrdinalIgnoreCase);
    }
}

public sealed record Country(string Code, string Name);
