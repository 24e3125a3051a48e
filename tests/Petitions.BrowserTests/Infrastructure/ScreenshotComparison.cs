using SkiaSharp;

namespace Petitions.BrowserTests.Infrastructure;

// Two pictures of a page compared pixel by pixel. Chromium does not draw the edges of letters
// quite the same from run to run, so a pixel counts as different only when one of its channels
// moved by more than ChannelTolerance, and the pictures match while no more than ShareTolerance of
// their pixels differ: a moved block, a wrapped line or a changed colour is far more than that.
public static class ScreenshotComparison
{
    public const int ChannelTolerance = 40;
    public const double ShareTolerance = 0.005;
    // A page a line taller or shorter is a changed page, but a picture cut a pixel or two
    // differently is not; the rows one picture has and the other lacks count as differing.
    public const int HeightTolerance = 3;

    public static Comparison Compare(byte[] expectedPng, byte[] actualPng)
    {
        using var expected = Decode(expectedPng);
        using var actual = Decode(actualPng);
        var size = $"{actual.Width}×{actual.Height} px, {expected.Width}×{expected.Height} px expected";
        if (expected.Width != actual.Width || Math.Abs(expected.Height - actual.Height) > HeightTolerance)
            return new Comparison(false, 1, $"the size differs: {size}");

        var width = expected.Width;
        var rows = Math.Min(expected.Height, actual.Height);
        var differing = (long)width * Math.Abs(expected.Height - actual.Height);
        var e = expected.GetPixelSpan();
        var a = actual.GetPixelSpan();
        for (var i = 0; i < width * rows * 4; i += 4)
        {
            if (Differs(e, a, i))
                differing++;
        }
        var total = (long)width * Math.Max(expected.Height, actual.Height);
        var share = (double)differing / total;
        return new Comparison(share <= ShareTolerance, share,
            $"{share:P2} of the pixels differ ({differing:N0} of {total:N0}; a pixel differs when a channel moves by more than " +
            $"{ChannelTolerance}, and up to {ShareTolerance:P1} may), {size}");
    }

    // The expected picture faded, with every differing pixel in red; rows only one picture has are
    // red from edge to edge.
    public static byte[] DiffImage(byte[] expectedPng, byte[] actualPng)
    {
        using var expected = Decode(expectedPng);
        using var actual = Decode(actualPng);
        var width = Math.Max(expected.Width, actual.Width);
        var height = Math.Max(expected.Height, actual.Height);
        using var diff = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        var e = expected.GetPixelSpan();
        var a = actual.GetPixelSpan();
        var d = diff.GetPixelSpan();
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var target = (y * width + x) * 4;
                var inBoth = x < expected.Width && y < expected.Height && x < actual.Width && y < actual.Height;
                if (inBoth && !Differs(e, a, (y * expected.Width + x) * 4, (y * actual.Width + x) * 4))
                {
                    var source = (y * expected.Width + x) * 4;
                    for (var c = 0; c < 3; c++)
                        d[target + c] = (byte)(255 - (255 - e[source + c]) / 4);
                }
                else
                {
                    d[target] = 255;
                    d[target + 1] = 0;
                    d[target + 2] = 0;
                }
                d[target + 3] = 255;
            }
        }
        using var image = SKImage.FromBitmap(diff);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    private static bool Differs(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual, int at) => Differs(expected, actual, at, at);

    private static bool Differs(ReadOnlySpan<byte> expected, ReadOnlySpan<byte> actual, int expectedAt, int actualAt) =>
        Math.Abs(expected[expectedAt] - actual[actualAt]) > ChannelTolerance
        || Math.Abs(expected[expectedAt + 1] - actual[actualAt + 1]) > ChannelTolerance
        || Math.Abs(expected[expectedAt + 2] - actual[actualAt + 2]) > ChannelTolerance
        || Math.Abs(expected[expectedAt + 3] - actual[actualAt + 3]) > ChannelTolerance;

    // Every picture in the same byte order, whatever the PNG stores, so channels compare directly.
    private static SKBitmap Decode(byte[] png)
    {
        using var codec = SKCodec.Create(new MemoryStream(png)) ?? throw new InvalidDataException("Not a picture SkiaSharp can read.");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        return SKBitmap.Decode(codec, info) ?? throw new InvalidDataException("The picture could not be decoded.");
    }
}

public sealed record Comparison(bool Matches, double DifferingShare, string Summary);
