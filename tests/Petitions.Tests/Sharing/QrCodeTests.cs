using System.Globalization;
using System.Net;
using System.Xml.Linq;
using Petitions.Tests.Infrastructure;
using SkiaSharp;
using ZXing;

namespace Petitions.Tests.Sharing;

public sealed class QrCodeTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    [Fact]
    public async Task The_qr_code_on_the_petition_page_reads_back_as_the_petitions_address()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = app.Browser();
        var page = await browser.GetAsync($"/petitions/{slug}");
        var url = new Uri(app.BaseAddress, $"/petitions/{slug}").AbsoluteUri;

        var image = page.Document.QuerySelector(".share__qr img")!;
        var response = await browser.Http.GetAsync(image.GetAttribute("src"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType!.MediaType);
        // As a phone reads a poster: from the pixels, not from the code that drew them.
        Assert.Equal(url, Scan(await response.Content.ReadAsStringAsync()));
        // Someone who cannot see the code still learns where it leads.
        Assert.Contains(url, image.GetAttribute("alt"));
        var download = page.Document.QuerySelector(".share__qr a[download]")!;
        Assert.Equal(image.GetAttribute("src"), download.GetAttribute("href"));
    }

    [Fact]
    public async Task Unpublished_and_unknown_petitions_have_no_qr_code()
    {
        var draft = await A.Petition().Draft().BuildAsync(app);
        using var browser = app.Browser();

        Assert.Equal(HttpStatusCode.NotFound, (await browser.Http.GetAsync($"/petitions/{draft}/qr.svg")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.Http.GetAsync("/petitions/no-such-petition/qr.svg")).StatusCode);
    }

    // Draws the SVG's rectangles and paths (all QRCoder writes) in black on white, and decodes the
    // pixels with ZXing.
    private static string Scan(string svg)
    {
        var root = XDocument.Parse(svg).Root!;
        var (svgWidth, svgHeight) = Size(root);
        // At least a few pixels a module, however small the SVG's own units are.
        var scale = Math.Max(1, 400f / svgWidth);
        var (width, height) = ((int)Math.Ceiling(svgWidth * scale), (int)Math.Ceiling(svgHeight * scale));
        using var bitmap = new SKBitmap(width, height, SKColorType.Gray8, SKAlphaType.Opaque);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            canvas.Scale(scale);
            using var paint = new SKPaint { IsAntialias = false };
            foreach (var element in root.Descendants())
            {
                paint.Color = Colour(element.Attribute("fill")?.Value);
                if (element.Name.LocalName == "rect")
                {
                    canvas.DrawRect(Number(element, "x"), Number(element, "y"), Number(element, "width"), Number(element, "height"), paint);
                }
                else if (element.Name.LocalName == "path")
                {
                    using var path = SKPath.ParseSvgPathData(element.Attribute("d")!.Value)!;
                    canvas.DrawPath(path, paint);
                }
            }
        }
        var reader = new BarcodeReaderGeneric { Options = { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true } };
        var result = reader.Decode(new RGBLuminanceSource(bitmap.Bytes, width, height, RGBLuminanceSource.BitmapFormat.Gray8));
        return result?.Text ?? throw new InvalidOperationException("No QR code could be read from the image.");
    }

    private static (float Width, float Height) Size(XElement root)
    {
        if (root.Attribute("viewBox")?.Value is { } viewBox)
        {
            var parts = viewBox.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
            return (float.Parse(parts[2], CultureInfo.InvariantCulture), float.Parse(parts[3], CultureInfo.InvariantCulture));
        }
        return (Number(root, "width"), Number(root, "height"));
    }

    private static float Number(XElement element, string attribute) =>
        float.Parse(element.Attribute(attribute)!.Value.Replace("px", ""), CultureInfo.InvariantCulture);

    private static SKColor Colour(string? fill) => fill?.ToLowerInvariant() switch
    {
        null or "black" => SKColors.Black,
        "white" => SKColors.White,
        var hex when SKColor.TryParse(hex, out var colour) => colour,
        _ => SKColors.Black,
    };
}
