namespace Petitions.Core.Languages;

// The words Core writes for signers: validation messages, the consent wording, and the emails.
// They live beside the domain rather than in the web project because they are composed here,
// sometimes long after the request (a receipt is written when the signature is confirmed), so
// Core uses Microsoft.Extensions.Localization's IStringLocalizer<CoreText> over CoreText.*.resx,
// which needs no web framework. One file per language; CoreText.resx is English and the fallback.
public sealed class CoreText;
