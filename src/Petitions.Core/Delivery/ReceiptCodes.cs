using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Data;

namespace Petitions.Core.Delivery;

// A receipt code lets a supporter find their own line in the delivered list, even when their name
// is withheld, and check that it is there.
//
// Design. The code is a keyed hash (HMAC-SHA256) of the signature's id, cut to 50 bits and
// written as ten Crockford base-32 characters, e.g. 7KQ2M-XR4TD. It depends on nothing that can
// change (not the position in the list, not the name), so the code shown on the confirmation
// page is the code printed in the list, whenever the pack is made. The key is a random secret
// kept in the database: signature ids are sequential, so an unkeyed hash would let anyone compute
// every supporter's code, and a code would prove nothing. With the key, only this installation
// can issue codes, and a line in the list cannot be traced back to a signature id or an email.
// 50 bits keep accidental repeats unlikely (about one in two thousand among a million
// signatures), and the signature number printed beside the code settles any that occur.
public static class ReceiptCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string For(ReadOnlySpan<byte> key, long signatureId)
    {
        Span<byte> message = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(message, signatureId);
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(key, message, hash);
        var bits = BinaryPrimitives.ReadUInt64BigEndian(hash) >> 14;
        Span<char> code = stackalloc char[11];
        for (var i = 10; i >= 0; i--)
        {
            if (i == 5)
            {
                code[i] = '-';
                continue;
            }
            code[i] = Alphabet[(int)(bits & 31)];
            bits >>= 5;
        }
        return new string(code);
    }
}

// The installation's receipt key: one row, made the first time it is needed by whichever
// instance gets there first.
public sealed class ReceiptKey
{
    private ReceiptKey() { }

    public short Id { get; private set; }
    public byte[] Key { get; private set; } = [];
}

public sealed class ReceiptKeys(PetitionsDbContext db)
{
    private byte[]? _key;

    public async Task<byte[]> GetAsync(CancellationToken cancellationToken) => _key ??= await LoadAsync(cancellationToken);

    private async Task<byte[]> LoadAsync(CancellationToken cancellationToken)
    {
        var existing = await db.ReceiptKeys.AsNoTracking().Where(k => k.Id == 1).Select(k => k.Key).SingleOrDefaultAsync(cancellationToken);
        if (existing is not null)
            return existing;
        var key = RandomNumberGenerator.GetBytes(32);
        await db.Database.ExecuteSqlAsync($"INSERT INTO receipt_keys (id, key) VALUES (1, {key}) ON CONFLICT DO NOTHING", cancellationToken);
        return await db.ReceiptKeys.AsNoTracking().Where(k => k.Id == 1).Select(k => k.Key).SingleAsync(cancellationToken);
    }
}
