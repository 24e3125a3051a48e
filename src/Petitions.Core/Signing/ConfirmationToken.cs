using System.Security.Cryptography;
using System.Text;

namespace Petitions.Core.Signing;

// Tokens live in their own table so that every confirmation email a signer was sent keeps working
// until it expires: a second "check your email" does not break the link in the first one.
// Only the SHA-256 of a token is stored; a leaked table confirms nothing.
public sealed class ConfirmationToken
{
    private ConfirmationToken() { }

    internal ConfirmationToken(byte[] hash, DateTimeOffset createdAt, DateTimeOffset expiresAt)
    {
        Hash = hash;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
    }

    public long Id { get; private set; }
    public long SignatureId { get; private set; }
    public byte[] Hash { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }

    public const int TokenBytes = 32;

    internal static (string Token, byte[] Hash) Generate()
    {
        var bytes = RandomNumberGenerator.GetBytes(TokenBytes);
        var token = Base64Url(bytes);
        return (token, HashOf(token));
    }

    public static byte[] HashOf(string token) => SHA256.HashData(Encoding.ASCII.GetBytes(token));

    public static bool LooksValid(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
