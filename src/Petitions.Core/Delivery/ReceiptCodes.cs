using System.Runtime.CompilerServices;
using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Data;

namespace Petitions.Core.Delivery;

// A receipt code lets a supporter find their own line in the delivered list, even when their name
// is withheld, and check that it is there.
//
// Design. The code is a keyed hash of the signature's id, cut to 50 bits and written as ten
// Crockford base-32 characters, e.g. 7KQ2M-XR4TD. It depends on nothing that can change (not the
// position in the list, not the name), so the code shown on the confirmation page is the code
// printed in the list, whenever the pack is made. The key is a random secret kept in the
// database: signature ids are sequential, so an unkeyed hash would let anyone compute every
// supporter's code, and a code would prove nothing. With the key, only this installation can
// issue codes, and a line in the list cannot be traced back to a signature id or an email.
// The keyed hash is SipHash-2-4, a pseudo-random function made for short inputs: HMAC-SHA256
// costs a microsecond or more a call and would double the time to write a million-line CSV.
// 50 bits keep accidental repeats unlikely (about one in two thousand among a million
// signatures), and the signature number printed beside the code settles any that occur.
public static class ReceiptCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static string For(ReadOnlySpan<byte> key, long signatureId)
    {
        var bits = SipHash24(key, (ulong)signatureId) >> 14;
        return string.Create(11, bits, static (code, value) =>
        {
            for (var i = 10; i >= 0; i--)
            {
                if (i == 5)
                {
                    code[i] = '-';
                    continue;
                }
                code[i] = Alphabet[(int)(value & 31)];
                value >>= 5;
            }
        });
    }

    // SipHash-2-4 (Aumasson and Bernstein) of one 8-byte little-endian message, with the first
    // 16 bytes of the key.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static ulong SipHash24(ReadOnlySpan<byte> key, ulong message)
    {
        var k0 = BinaryPrimitives.ReadUInt64LittleEndian(key);
        var k1 = BinaryPrimitives.ReadUInt64LittleEndian(key[8..]);
        var v0 = k0 ^ 0x736f6d6570736575UL;
        var v1 = k1 ^ 0x646f72616e646f6dUL;
        var v2 = k0 ^ 0x6c7967656e657261UL;
        var v3 = k1 ^ 0x7465646279746573UL;

        v3 ^= message;
        Round(ref v0, ref v1, ref v2, ref v3);
        Round(ref v0, ref v1, ref v2, ref v3);
        v0 ^= message;

        const ulong last = 8UL << 56;
        v3 ^= last;
        Round(ref v0, ref v1, ref v2, ref v3);
        Round(ref v0, ref v1, ref v2, ref v3);
        v0 ^= last;

        v2 ^= 0xff;
        for (var i = 0; i < 4; i++)
            Round(ref v0, ref v1, ref v2, ref v3);
        return v0 ^ v1 ^ v2 ^ v3;
    }

    private static void Round(ref ulong v0, ref ulong v1, ref ulong v2, ref ulong v3)
    {
        v0 += v1;
        v1 = BitOperations.RotateLeft(v1, 13);
        v1 ^= v0;
        v0 = BitOperations.RotateLeft(v0, 32);
        v2 += v3;
        v3 = BitOperations.RotateLeft(v3, 16);
        v3 ^= v2;
        v0 += v3;
        v3 = BitOperations.RotateLeft(v3, 21);
        v3 ^= v0;
        v2 += v1;
        v1 = BitOperations.RotateLeft(v1, 17);
        v1 ^= v2;
        v2 = BitOperations.RotateLeft(v2, 32);
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

// The key never changes once made, so each instance reads it once (into LoadedReceiptKey) rather
// than on every confirmation. It is read through the caller's own connection, inside its
// transaction if it has one, never through a second one from the pool.
public sealed class ReceiptKeys(PetitionsDbContext db, LoadedReceiptKey loaded)
{
    public async Task<byte[]> GetAsync(CancellationToken cancellationToken) => loaded.Key ??= await LoadAsync(cancellationToken);

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

// This instance's copy of the receipt key, once read.
public sealed class LoadedReceiptKey
{
    public byte[]? Key { get; set; }
}
