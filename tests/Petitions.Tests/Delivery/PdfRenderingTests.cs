using System.Diagnostics;
using Petitions.Core.Delivery;
using Petitions.Core.Typesetting;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.Delivery;

// Renders pages of the pack to pixels with poppler's pdftoppm, as a reader's viewer would, and
// checks that every name was drawn.
public sealed class PdfRenderingTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    private static readonly string[] MixedNames =
    [
        "김철수", "王秀英", "陳美玲", "山田 さくら", "محمد عبدالله", "محمدرضا رضایی", "דוד כהן", "Владимир Иванов",
        "अमित शर्मा", "สมชาย ใจดี", "Nguyễn Văn Đức", "Zoë Ñúñez-Ångström", "Иван 김 Smith 李",
    ];

    private const int Dpi = 100;

    [Fact]
    public async Task A_page_of_names_in_every_script_renders_ink_for_every_name()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        await Signers.AddAsync(app, slug, MixedNames.Select(n => Signer.Named(n)).ToArray());
        var pack = await Exports.RunAsync(app, slug);

        // Page 4 is the first page of the list; save it as a PNG too, for people to look at.
        var image = await RenderAsync(pack.Pdf, page: 4);
        await RenderAsync(pack.Pdf, page: 4, png: true);

        for (var row = 0; row < MixedNames.Length; row++)
        {
            // Where DeliveryPdf puts the name column and this row, in points from the bottom left.
            var top = PdfDocumentWriter.A4Height - 58 - 16 - 1 - row * 18;
            var ink = image.DarkPixels(x0: 98, x1: 266, yTop: top, yBottom: top - 18);
            Assert.True(ink > 40, $"Row {row + 1} ({MixedNames[row]}) has {ink} dark pixels.");
        }
        // The row after the last is empty: the measure finds ink only where there is some.
        var after = PdfDocumentWriter.A4Height - 58 - 16 - MixedNames.Length * 18;
        Assert.Equal(0, image.DarkPixels(x0: 98, x1: 266, yTop: after - 1, yBottom: after - 17));
    }

    [Fact]
    public async Task A_right_to_left_name_is_set_against_the_right_edge_of_its_column()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        await Signers.AddAsync(app, slug, Signer.Named("محمد عبدالله"), Signer.Named("Ada Lovelace"));
        var pack = await Exports.RunAsync(app, slug);

        var image = await RenderAsync(pack.Pdf, page: 4);

        // Just below the rule under the column headings.
        var top = PdfDocumentWriter.A4Height - 58 - 16 - 1;
        Assert.True(image.DarkPixels(x0: 200, x1: 266, yTop: top, yBottom: top - 18) > 40);
        Assert.Equal(0, image.DarkPixels(x0: 98, x1: 150, yTop: top, yBottom: top - 18));
        Assert.True(image.DarkPixels(x0: 98, x1: 150, yTop: top - 18, yBottom: top - 36) > 40);
        Assert.Equal(0, image.DarkPixels(x0: 200, x1: 266, yTop: top - 18, yBottom: top - 36));
    }

    private static async Task<Gray> RenderAsync(string pdf, int page, bool png = false)
    {
        var output = Path.Combine(Path.GetDirectoryName(pdf)!, $"page-{page}");
        var start = new ProcessStartInfo("pdftoppm", [
            "-r", Dpi.ToString(), "-f", page.ToString(), "-l", page.ToString(), "-singlefile", png ? "-png" : "-gray", pdf, output,
        ]) { RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("pdftoppm did not start. Install poppler-utils.");
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"pdftoppm failed: {errors}");
        return png ? null! : Gray.Read(output + ".pgm");
    }

    // A binary PGM (P5) image, as pdftoppm -gray writes it.
    private sealed class Gray(int width, int height, byte[] pixels)
    {
        public static Gray Read(string path)
        {
            var bytes = File.ReadAllBytes(path);
            var position = 0;
            string Next()
            {
                while (char.IsWhiteSpace((char)bytes[position]))
                    position++;
                var start = position;
                while (!char.IsWhiteSpace((char)bytes[position]))
                    position++;
                return System.Text.Encoding.ASCII.GetString(bytes, start, position - start);
            }
            Assert.Equal("P5", Next());
            var width = int.Parse(Next());
            var height = int.Parse(Next());
            Assert.Equal("255", Next());
            position++;
            return new Gray(width, height, bytes[position..(position + width * height)]);
        }

        // Pixels darker than mid-grey inside a box given in PDF points (origin bottom left).
        public int DarkPixels(double x0, double x1, double yTop, double yBottom)
        {
            var scale = Dpi / 72.0;
            var pageHeight = PdfDocumentWriter.A4Height;
            var count = 0;
            for (var y = (int)((pageHeight - yTop) * scale); y < (int)((pageHeight - yBottom) * scale) && y < height; y++)
            {
                for (var x = (int)(x0 * scale); x < (int)(x1 * scale) && x < width; x++)
                {
                    if (pixels[y * width + x] < 128)
                        count++;
                }
            }
            return count;
        }
    }
}
