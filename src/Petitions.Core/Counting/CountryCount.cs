namespace Petitions.Core.Counting;

// Signatures from one country: its two-letter code, its English name (Countries.NameOf) and how
// many. Which signatures depends on the figure: counted ones on the public page and in the API,
// the delivered list's in the pack, counted ones again on the staff dashboard.
public sealed record CountryCount(string Code, string Name, long Signatures);
