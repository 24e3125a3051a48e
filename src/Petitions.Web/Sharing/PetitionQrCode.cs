using QRCoder;

namespace Petitions.Web.Sharing;

// The petition's address as a QR code, for posters and leaflets. SVG, so it prints sharp at any
// size. Error correction level M survives a smudge or a fold and keeps the code small enough
// to scan from a poster across a room.
public static class PetitionQrCode
{
    public static string Svg(string url)
    {
        using var data = QRCodeGenerator.GenerateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(8);
    }
}
