using Petitions.Core.Signing;

namespace Petitions.Core.Privacy;

// The key to a signature's own page, where its signer withdraws it, stops updates or asks for a
// copy of their data, without an account. Each email that carries a link gets its own token, so
// every link a signer was sent keeps working. Like confirmation tokens, only the SHA-256 is
// stored. Tokens last until the signature is withdrawn or anonymised, when they are deleted.
public sealed class ManageToken
{
    private ManageToken() { }

    public long Id { get; private set; }
    public long SignatureId { get; private set; }
    public byte[] Hash { get; private set; } = [];
    public DateTimeOffset CreatedAt { get; private set; }

    internal static (ManageToken Entity, string Token) New(DateTimeOffset now)
    {
        var (token, hash) = ConfirmationToken.Generate();
        return (new ManageToken { Hash = hash, CreatedAt = now }, token);
    }

    // For a signature already saved, such as at confirmation, when the receipt email needs a link.
    public static (ManageToken Entity, string Token) For(long signatureId, DateTimeOffset now)
    {
        var (entity, token) = New(now);
        entity.SignatureId = signatureId;
        return (entity, token);
    }
}
