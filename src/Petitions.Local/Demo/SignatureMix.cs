namespace Petitions.Local.Demo;

// The shape of a petition's signatures, as shares of all of them. Pending and invalidated
// signatures, flags, and a bot wave are what moderation pages are made for; the demo shows none.
public sealed record SignatureMix(double Pending, double Flagged, double Invalidated, double BotWave, double Paper)
{
    // Everyone confirmed, a few on paper: the demo petition and the `demo` command-line verbs.
    public static SignatureMix AllConfirmed { get; } = new(Pending: 0, Flagged: 0, Invalidated: 0, BotWave: 0, Paper: 0.04);

    // A petition that went viral: a tenth never confirmed, a few invalidated by staff, some flagged
    // by the abuse rules, and one burst of bot signatures, most of them flagged.
    public static SignatureMix Viral { get; } = new(Pending: 0.10, Flagged: 0.045, Invalidated: 0.03, BotWave: 0.01, Paper: 0.02);

    public bool IsAllConfirmed => Pending == 0 && Flagged == 0 && Invalidated == 0 && BotWave == 0;
}
