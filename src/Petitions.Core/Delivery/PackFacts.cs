using Petitions.Core.Counting;
using Petitions.Core.Signing;

namespace Petitions.Core.Delivery;

// What the pack says about the list as a whole, gathered in one pass over it: the totals, the
// countries, the versions signed, and the hash of the canonical CSV.
public sealed record PackFacts(
    long Total,
    long Online,
    long Paper,
    IReadOnlyList<CountryCount> Countries,
    IReadOnlyDictionary<int, long> ByVersion,
    string Sha256);

// Bounded memory: one counter per country and per version, whatever the number of signers.
public sealed class PackFactsBuilder
{
    private readonly Dictionary<string, long> _countries = new(StringComparer.Ordinal);
    private readonly Dictionary<int, long> _versions = [];
    private long _total, _online, _paper;

    public void Add(DeliveredSigner signer)
    {
        _total++;
        if (signer.Source == SignatureSource.Paper)
            _paper++;
        else
            _online++;
        _countries[signer.Country] = _countries.GetValueOrDefault(signer.Country) + 1;
        _versions[signer.PetitionVersion] = _versions.GetValueOrDefault(signer.PetitionVersion) + 1;
    }

    public async IAsyncEnumerable<DeliveredSigner> Observe(IAsyncEnumerable<DeliveredSigner> signers)
    {
        await foreach (var signer in signers)
        {
            Add(signer);
            yield return signer;
        }
    }

    public PackFacts Build(string sha256) => new(
        _total, _online, _paper,
        _countries.Select(c => new CountryCount(c.Key, Signing.Countries.NameOf(c.Key), c.Value))
            .OrderByDescending(c => c.Signatures).ThenBy(c => c.Name, StringComparer.Ordinal).ToArray(),
        new Dictionary<int, long>(_versions),
        sha256);
}
