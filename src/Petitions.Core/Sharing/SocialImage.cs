using System.Globalization;
using Petitions.Core.Typesetting;
using SkiaSharp;

namespace Petitions.Core.Sharing;

// What the picture shown beside a shared link says.
public sealed record SocialCard(string SiteName, string Title, long SignatureCount, int Target, bool IsOpen);

// The 1200×630 picture that Facebook, X, WhatsApp and the rest show beside a shared link: the
// petition's title, its count and how far it is to the target.
//
// Titles come in any script, so the text goes through the delivery pack's shaper (TextShaper):
// one Noto font per script from the fonts shipped in this assembly, HarfBuzz shaping (joined
// Arabic, Devanagari vowel signs, Korean syllables) and right-to-left runs in visual order. Skia
// only draws the glyphs it is given, at HarfBuzz's positions. Drawing strings with Skia's own text
// calls would use one typeface and no shaping: Korean in a Latin font comes out as empty boxes,
// and Arabic as unjoined letters in the wrong order.
public static class SocialImage
{
    public const int Width = 1200;
    public const int Height = 630;

    private const float Margin = 80;
    private const float BandHeight = 84;
    private const float TitleTop = BandHeight + 48;
    private const float TitleBottom = 430;
    private const float MaxTitleLines = 4;

    private static readonly SKColor Brand = SKColor.Parse("#0b4f8a");
    private static readonly SKColor Text = SKColor.Parse("#1b1b1f");
    private static readonly SKColor Muted = SKColor.Parse("#4a4a55");
    private static readonly SKColor Track = SKColor.Parse("#e3e6ea");

    // The title region, for tests that look at what was drawn there.
    public static SKRectI TitleArea => new((int)Margin, (int)TitleTop, (int)(Width - Margin), (int)TitleBottom);

    public static byte[] RenderPng(SocialCard card)
    {
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException("Skia could not make a surface to draw on.");
        Draw(surface.Canvas, card);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new InvalidOperationException("Skia could not encode the image as PNG.");
        return png.ToArray();
    }

    private static void Draw(SKCanvas canvas, SocialCard card)
    {
        canvas.Clear(SKColors.White);
        using var shaper = new TextShaper();
        using var fill = new SKPaint { IsAntialias = true };

        fill.Color = Brand;
        canvas.DrawRect(0, 0, Width, BandHeight, fill);
        var site = TextLayout.Truncate(shaper, card.SiteName, TextWeight.Bold, 34, Width - 2 * Margin);
        DrawLine(canvas, site, 34, Margin, BandHeight / 2 + 12, SKColors.White, alignEnd: site.RightToLeft);

        DrawTitle(canvas, shaper, card.Title);

        var count = card.SignatureCount.ToString("N0", CultureInfo.InvariantCulture);
        var countText = shaper.Shape(count + (card.SignatureCount == 1 ? " signature" : " signatures"), TextWeight.Bold);
        DrawLine(canvas, countText, 52, Margin, 500, Brand, alignEnd: false);
        var goal = card.IsOpen
            ? $"of {card.Target.ToString("N0", CultureInfo.InvariantCulture)}"
            : "Closed";
        var goalText = shaper.Shape(goal);
        DrawLine(canvas, goalText, 34, Width - Margin - (float)goalText.WidthAt(34), 500, Muted, alignEnd: false);

        var bar = new SKRect(Margin, 532, Width - Margin, 562);
        fill.Color = Track;
        canvas.DrawRoundRect(bar, 15, 15, fill);
        var fraction = card.Target <= 0 ? 1 : Math.Clamp(card.SignatureCount / (double)card.Target, 0, 1);
        if (fraction > 0)
        {
            fill.Color = Brand;
            var done = new SKRect(bar.Left, bar.Top, bar.Left + Math.Max(bar.Height, (float)(bar.Width * fraction)), bar.Bottom);
            canvas.DrawRoundRect(done, 15, 15, fill);
        }
    }

    // The largest size at which the title fits the title area, wrapped as the delivery pack wraps
    // it; a title too long even at the smallest size ends its last line with an ellipsis.
    private static void DrawTitle(SKCanvas canvas, TextShaper shaper, string title)
    {
        var width = Width - 2 * Margin;
        List<ShapedText> lines = [];
        float size = 0;
        foreach (var candidate in new float[] { 68, 60, 52, 46 })
        {
            size = candidate;
            lines = TextLayout.Wrap(shaper, title, TextWeight.Bold, size, width);
            if (lines.Count * LineHeight(size) <= TitleBottom - TitleTop)
                break;
        }
        var fits = (int)Math.Min(MaxTitleLines, Math.Floor((TitleBottom - TitleTop) / LineHeight(size)));
        if (lines.Count > fits)
        {
            var rest = lines[fits - 1].Text;
            foreach (var line in lines.Skip(fits))
                rest += (rest[^1] >= '\u2E80' ? "" : " ") + line.Text;
            lines = [.. lines.Take(fits - 1), TextLayout.Truncate(shaper, rest, TextWeight.Bold, size, width)];
        }
        var baseline = TitleTop + size;
        foreach (var line in lines)
        {
            DrawLine(canvas, line, size, Margin, baseline, Text, alignEnd: line.RightToLeft, width);
            baseline += LineHeight(size);
        }
    }

    private static float LineHeight(float size) => size * 1.25f;

    // A right-to-left line is set against the right edge of its box, as a reader of it expects.
    private static void DrawLine(SKCanvas canvas, ShapedText line, float size, float left, float baseline, SKColor color,
        bool alignEnd, float boxWidth = Width - 2 * Margin)
    {
        if (line.Runs.Length == 0)
            return;
        var x = alignEnd ? left + boxWidth - (float)line.WidthAt(size) : left;
        using var builder = new SKTextBlobBuilder();
        foreach (var run in line.Runs)
        {
            var scale = size / run.Font.UnitsPerEm;
            using var font = new SKFont(SocialFonts.Typeface(run.Font), size) { Subpixel = true, Edging = SKFontEdging.Antialias };
            var glyphs = new ushort[run.Glyphs.Length];
            var positions = new SKPoint[run.Glyphs.Length];
            var pen = 0;
            for (var g = 0; g < glyphs.Length; g++)
            {
                glyphs[g] = checked((ushort)run.Glyphs[g]);
                // HarfBuzz measures y upwards; Skia draws it downwards.
                positions[g] = new SKPoint(x + (pen + run.XOffsets[g]) * scale, baseline - run.YOffsets[g] * scale);
                pen += run.Advances[g];
            }
            builder.AddPositionedRun(glyphs, font, positions);
            x += pen * scale;
        }
        using var blob = builder.Build();
        if (blob is null)
            return;
        using var paint = new SKPaint { IsAntialias = true, Color = color };
        canvas.DrawText(blob, 0, 0, paint);
    }
}

// Skia typefaces over the same embedded font files the shaper reads, so glyph ids match. A
// resource of a loaded assembly is a view of the mapped file: Skia reads it in place, without
// copying the 30 MB of fonts, and it stays valid for as long as the process runs.
internal static class SocialFonts
{
    private static readonly Lazy<SKTypeface[]> Typefaces = new(Load);

    public static SKTypeface Typeface(EmbeddedFont font) => Typefaces.Value[font.Index];

    private static unsafe SKTypeface[] Load()
    {
        var assembly = typeof(SocialFonts).Assembly;
        var typefaces = new SKTypeface[FontLibrary.Count];
        foreach (var font in FontLibrary.All)
        {
            var resource = $"Petitions.Fonts.{font.Name}.ttf";
            if (assembly.GetManifestResourceStream(resource) is not UnmanagedMemoryStream stream)
                throw new InvalidOperationException($"The font {resource} is missing from {assembly.GetName().Name}.");
            var data = SKData.Create((IntPtr)stream.PositionPointer, checked((int)stream.Length));
            typefaces[font.Index] = SKTypeface.FromData(data)
                ?? throw new InvalidOperationException($"Skia cannot read the font {resource}.");
        }
        return typefaces;
    }
}
