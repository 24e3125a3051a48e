namespace Petitions.Core.Delivery;

// The photo of a delivery, as re-encoded for the page: a JPEG with no metadata (no EXIF, no GPS),
// never the file staff uploaded. One a petition; recording a new one replaces it.
public sealed class DeliveryPhoto
{
    private DeliveryPhoto() { }

    public DeliveryPhoto(int petitionId, byte[] jpeg, int width, int height, DateTimeOffset now)
    {
        PetitionId = petitionId;
        Replace(jpeg, width, height, now);
    }

    public int PetitionId { get; private set; }
    public byte[] Jpeg { get; private set; } = [];
    public int Width { get; private set; }
    public int Height { get; private set; }
    public DateTimeOffset UploadedAt { get; private set; }

    public void Replace(byte[] jpeg, int width, int height, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        Jpeg = jpeg;
        Width = width;
        Height = height;
        UploadedAt = now;
    }
}
