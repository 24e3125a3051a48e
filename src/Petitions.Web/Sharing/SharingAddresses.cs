using Petitions.Core.Email;

namespace Petitions.Web.Sharing;

// Absolute addresses of a petition and of what hangs off it, for share links, Open Graph tags
// (which crawlers only follow when absolute), the QR code and the embed snippet. They all start
// from the petition's public address, so they follow App:BaseUrl as the links in emails do.
public sealed class SharingAddresses(IPublicLinks links)
{
    public string Petition(string slug) => links.Petition(slug);

    public string SocialImage(string slug) => links.Petition(slug) + "/social.png";

    public string QrCode(string slug) => links.Petition(slug) + "/qr.svg";

    public string Widget(string slug) => links.Petition(slug) + "/widget";
}
