using Petitions.BrowserTests.Infrastructure;
using SkiaSharp;

namespace Petitions.BrowserTests.Screenshots;

// The comparison on pictures drawn here, page-like: lines of text, a button, a panel.
public sealed class ScreenshotComparisonTests
{
    private const int Width = 1280;
    private const int Height = 900;

    [Fact]
    public void The_same_page_drawn_twice_matches_with_no_pixel_differing()
    {
        var comparison = ScreenshotComparison.Compare(Page(), Page());

        Assert.True(comparison.Matches, comparison.Summary);
        Assert.Equal(0, comparison.DifferingShare);
    }

    [Fact]
    public void Text_drawn_a_fraction_of_a_pixel_aside_with_noise_in_every_channel_still_matches()
    {
        var comparison = ScreenshotComparison.Compare(Page(), Page(textShift: 0.4f, noise: 12));

        Assert.True(comparison.Matches, comparison.Summary);
    }

    [Fact]
    public void A_button_moved_down_a_line_does_not_match()
    {
        var comparison = ScreenshotComparison.Compare(Page(), Page(buttonTop: 640));

        Assert.False(comparison.Matches, comparison.Summary);
        Assert.Contains("of the pixels differ", comparison.Summary);
    }

    [Fact]
    public void A_panel_in_another_colour_does_not_match()
    {
        var comparison = ScreenshotComparison.Compare(Page(), Page(panel: new SKColor(0xff, 0xdd, 0x00)));

        Assert.False(comparison.Matches, comparison.Summary);
    }

    [Fact]
    public void A_page_some_lines_taller_does_not_match_but_one_cut_a_pixel_shorter_does()
    {
        Assert.False(ScreenshotComparison.Compare(Page(), Page(height: Height + 40)).Matches);
        Assert.True(ScreenshotComparison.Compare(Page(), Page(height: Height - 1)).Matches);
    }

    [Fact]
    public void The_diff_image_is_red_where_the_pictures_differ_and_faded_elsewhere()
    {
        using var diff = SKBitmap.Decode(ScreenshotComparison.DiffImage(Page(), Page(buttonTop: 640)));

        Assert.Equal((Width, Height), (diff.Width, diff.Height));
        Assert.Equal(SKColors.Red, diff.GetPixel(300, 610));
        Assert.Equal(SKColors.Red, diff.GetPixel(300, 680));
        // The header's dark blue, faded toward white.
        var header = diff.GetPixel(40, 20);
        Assert.True(header.Red > 0x80 && header.Green > 0x80 && header.Blue > 0x80 && header.Blue > header.Red, $"{header} is not the header faded.");
    }

    private static byte[] Page(float textShift = 0, int noise = 0, int buttonTop = 600, SKColor? panel = null, int height = Height)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(Width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var fill = new SKPaint { IsAntialias = true };
            fill.Color = new SKColor(0x0b, 0x50, 0x8a);
            canvas.DrawRect(0, 0, Width, 90, fill);
            fill.Color = panel ?? new SKColor(0xf3, 0xf4, 0xf6);
            canvas.DrawRect(288, 120, 704, 180, fill);
            fill.Color = new SKColor(0x0b, 0x50, 0x8a);
            canvas.DrawRect(288, buttonTop, 320, 50, fill);

            using var font = new SKFont(SKTypeface.Default, 18) { Edging = SKFontEdging.Antialias, Subpixel = true };
            fill.Color = new SKColor(0x1b, 0x1b, 0x1f);
            for (var line = 0; line < 8; line++)
                canvas.DrawText("The petition is in the minister’s hands: see the photos.", 300 + textShift, 340 + line * 28 + textShift, SKTextAlign.Left, font, fill);
        }

        if (noise > 0)
        {
            var random = new Random(7);
            var pixels = bitmap.GetPixelSpan();
            for (var i = 0; i < pixels.Length; i++)
            {
                if (i % 4 != 3)
                    pixels[i] = (byte)Math.Clamp(pixels[i] + random.Next(-noise, noise + 1), 0, 255);
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
