using Petitions.Core.Delivery;

namespace Petitions.Tests.Delivery;

public sealed class ReceiptCodeTests
{
    [Fact]
    public void The_keyed_hash_is_SipHash_2_4_as_published()
    {
        // The reference vector for an 8-byte message from Aumasson and Bernstein's paper.
        var key = Enumerable.Range(0, 16).Select(i => (byte)i).ToArray();
        Assert.Equal(0x93f5f5799a932462UL, ReceiptCode.SipHash24(key, 0x0706050403020100UL));
    }

    [Fact]
    public void A_receipt_code_is_ten_unambiguous_characters_that_depend_on_the_key_and_the_signature()
    {
        var key = new byte[32];
        var otherKey = Enumerable.Repeat((byte)7, 32).ToArray();

        var code = ReceiptCode.For(key, 42);

        Assert.Matches("^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{5}-[0-9ABCDEFGHJKMNPQRSTVWXYZ]{5}$", code);
        Assert.Equal(code, ReceiptCode.For(key, 42));
        Assert.NotEqual(code, ReceiptCode.For(key, 43));
        Assert.NotEqual(code, ReceiptCode.For(otherKey, 42));
        Assert.Equal(100_000, Enumerable.Range(1, 100_000).Select(id => ReceiptCode.For(key, id)).Distinct().Count());
    }
}
