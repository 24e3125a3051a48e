using System.Globalization;
using Petitions.Core.Counting;

namespace Petitions.Web.Pages.PetitionPage;

// The public page's table of signatures by country: the leading countries by name, the rest
// summed into one "other countries" row, so that a petition signed from 150 countries still
// shows a short table. The full list is in the API.
public sealed class CountryRanking
{
    public const int Shown = 10;

    public CountryRanking(IReadOnlyList<CountryCount> countries)
    {
        Total = countries.Sum(c => c.Signatures);
        Top = countries.Take(Shown).ToArray();
        var rest = countries.Skip(Shown).ToArray();
        OtherCountries = rest.Length;
        OtherSignatures = rest.Sum(c => c.Signatures);
    }

    public long Total { get; }
    public IReadOnlyList<CountryCount> Top { get; }
    public int OtherCountries { get; }
    public long OtherSignatures { get; }

    // A percentage as the reader's language writes one ("12%", "12 %", "%12"); one decimal below 10%.
    public string Share(long signatures)
    {
        var fraction = Total == 0 ? 0 : (double)signatures / Total;
        return fraction.ToString(signatures * 10 < Total ? "P1" : "P0", CultureInfo.CurrentCulture);
    }
}
