using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Petitions.Core.Delivery;

namespace Petitions.Core.Updates;

// The token in an update email's unsubscribe link. It needs no row: it is the signature's id with
// a keyed MAC over it (HMAC-SHA256 cut to 128 bits), so an update to a million signers writes no
// million tokens, and nobody can unsubscribe a signature whose email they have not seen. The key
// is derived from the installation's receipt key (HKDF, its own label), so there is no second
// secret to keep. The link does not expire: an unsubscribe link must work whenever it is clicked.
// Using it twice is harmless, since unsubscribing twice changes nothing.
public sealed class UnsubscribeTokens(ReceiptKeys receiptKeys)
{
    private const int MacBytes = 16;
    private static readonly byte[] Label = Encoding.ASCII.GetBytes("petitions unsubscribe v1");

    public async Task<string> ForAsync(long signatureId, CancellationToken cancellationToken)
    {
        var key = await KeyAsync(cancellationToken);
        return For(key, signatureId);
    }

    // For a job that writes many tokens: read the key once, then call For with it.
    public async Task<byte[]> KeyAsync(CancellationToken cancellationToken) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, await receiptKeys.GetAsync(cancellationToken), 32, info: Label);

    public static string For(byte[] key, long signatureId) =>
        For(signatureId) + "-" + Base64Url(Mac(key, signatureId));

    private static string For(long signatureId) => signatureId.ToString(CultureInfo.InvariantCulture);

    // The signature the token names, or null when it is not one this installation made.
    public async Task<long?> VerifyAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 60)
            return null;
        var dash = token.IndexOf('-');
        if (dash <= 0 || !long.TryParse(token.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return null;
        byte[] given;
        try
        {
            given = Convert.FromBase64String(FromBase64Url(token[(dash + 1)..]));
        }
        catch (FormatException)
        {
            return null;
        }
        // Only the one spelling this installation writes: base64 leaves the last character's low
        // bits unused, and a token differing there must not pass for the real one.
        if (given.Length != MacBytes || Base64Url(given) != token[(dash + 1)..] || For(id) != token[..dash])
            return null;
        var expected = Mac(await KeyAsync(cancellationToken), id);
        return CryptographicOperations.FixedTimeEquals(given, expected) ? id : null;
    }

    private static byte[] Mac(byte[] key, long signatureId)
    {
        Span<byte> message = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(message, signatureId);
        return HMACSHA256.HashData(key, message)[..MacBytes];
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return padded.PadRight(padded.Length + (4 - padded.Length % 4) % 4, '=');
    }
}
