using Microsoft.Extensions.Localization;
using Petitions.Core.Languages;

namespace Petitions.Core.Privacy;

// The words a signer agrees to, and the version they carry. Signing a petition can reveal a
// political opinion, which data-protection law (UK and EU GDPR, Art. 9) treats as special
// category data: the lawful basis is the signer's explicit consent, so each signature records
// which wording was agreed to and when. Change the version whenever the wording changes.
//
// The wording is translated (Consent.Text in Languages/CoreText.*.resx). One version names the
// wording in every language, so a change to any translation is a change of wording and needs a
// new version too; the signature's Language says which translation was agreed to.
public static class ConsentWording
{
    public const string Version = "2026-11";

    // Paper signatures were agreed to on a paper sheet the app never saw; this marks them apart
    // from any version of the online wording.
    public const string Paper = "paper";

    public const int VersionMaxLength = 20;

    // In the current UI language.
    public static string Text(IStringLocalizer<CoreText> text, string recipientName) => text["Consent.Text", recipientName];
}
