namespace Petitions.Core.Privacy;

// The words a signer agrees to, and the version they carry. Signing a petition can reveal a
// political opinion, which data-protection law (UK and EU GDPR, Art. 9) treats as special
// category data: the lawful basis is the signer's explicit consent, so each signature records
// which wording was agreed to and when. Change the version whenever the wording changes.
public static class ConsentWording
{
    public const string Version = "2026-11";

    // Paper signatures were agreed to on a paper sheet the app never saw; this marks them apart
    // from any version of the online wording.
    public const string Paper = "paper";

    public const int VersionMaxLength = 20;

    public static string Text(string recipientName) =>
        $"I agree that my name, city and country will be delivered to {recipientName} as a signer of this petition, " +
        "and that this site keeps my details, which may show my political opinions, to record my signature as the privacy notice explains.";
}
