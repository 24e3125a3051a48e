using SkiaSharp;

namespace Petitions.Core.Delivery;

public abstract record PhotoReadResult
{
    public sealed record Read(byte[] Jpeg, int Width, int Height) : PhotoReadResult;
    public sealed record Refused : PhotoReadResult;
}

// Turns an uploaded photo into what the public page serves. The upload is never kept: it is
// decoded to pixels and a new JPEG is written from them, so its EXIF block (GPS position, camera,
// owner's name), XMP, ICC profile and comments cannot reach the site. The EXIF orientation is
// applied to the pixels first, since the new file carries no tag to turn it upright.
public static class DeliveryPhotoImage
{
    private static ReadOnlySpan<byte> JpegStart => [0xFF, 0xD8, 0xFF];
    private static ReadOnlySpan<byte> PngStart => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    // Pixels, not bytes, are what decoding costs memory: a small file can claim a huge image.
    private const long MaxPixels = 50_000_000;

    public static PhotoReadResult Read(byte[] upload, int maxSide)
    {
        // The file's own first bytes decide, not its name or the type the browser sent; Skia
        // reads GIF, WebP and more, which are refused here rather than quietly accepted.
        var span = upload.AsSpan();
        if (!span.StartsWith(JpegStart) && !span.StartsWith(PngStart))
            return new PhotoReadResult.Refused();

        using var data = SKData.CreateCopy(upload);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat is not (SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Png))
            return new PhotoReadResult.Refused();
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0 || (long)info.Width * info.Height > MaxPixels)
            return new PhotoReadResult.Refused();

        using var decoded = new SKBitmap(new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var result = codec.GetPixels(decoded.Info, decoded.GetPixels());
        // A truncated file decodes what it has; the rest would be grey, so it is refused too.
        if (result is not SKCodecResult.Success)
            return new PhotoReadResult.Refused();

        using var upright = Upright(decoded, codec.EncodedOrigin);
        var scale = Math.Min(1.0, (double)maxSide / Math.Max(upright.Width, upright.Height));
        var width = Math.Max(1, (int)Math.Round(upright.Width * scale));
        var height = Math.Max(1, (int)Math.Round(upright.Height * scale));

        // Drawn on white: a PNG's transparent parts would otherwise turn black in the JPEG.
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException("Could not make a surface for the photo.");
        surface.Canvas.Clear(SKColors.White);
        using (var image = SKImage.FromBitmap(upright))
            surface.Canvas.DrawImage(image, new SKRect(0, 0, width, height), new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var snapshot = surface.Snapshot();
        using var jpeg = snapshot.Encode(SKEncodedImageFormat.Jpeg, 85)
            ?? throw new InvalidOperationException("Could not encode the photo.");
        return new PhotoReadResult.Read(jpeg.ToArray(), width, height);
    }

    // The eight EXIF orientations, each drawn as the transform that undoes it.
    private static SKBitmap Upright(SKBitmap source, SKEncodedOrigin origin)
    {
        var swaps = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (w, h) = swaps ? (source.Height, source.Width) : (source.Width, source.Height);
        var target = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(target);
        canvas.Clear(SKColors.Transparent);
        var m = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, w, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, w, -1, 0, h, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, h, 0, 0, 1),
            _ => SKMatrix.Identity,
        };
        canvas.SetMatrix(m);
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        return target;
    }
}
