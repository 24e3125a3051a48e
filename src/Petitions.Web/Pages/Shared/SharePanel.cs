namespace Petitions.Web.Pages.Shared;

// What _Share.cshtml needs to offer a petition for sharing. The QR code is for the petition's
// own page, where organisers go to print posters; a supporter who has just confirmed needs the
// links, not a poster.
public sealed record SharePanel(string Slug, string Title, bool WithQrCode = false);
