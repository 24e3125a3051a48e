using Petitions.Core.Signing;
using Petitions.Core.Text;

namespace Petitions.Tests.Signing;

public sealed class EmailAddressesTests
{
    [Theory]
    [InlineData("  Ada@Example.ORG ", "ada@example.org")]
    [InlineData("ada.lovelace+petitions@gmail.com", "adalovelace@gmail.com")]
    [InlineData("Ada.Lovelace@GoogleMail.com", "adalovelace@gmail.com")]
    [InlineData("first.last+tag@example.org", "first.last+tag@example.org")]
    [InlineData("user@bücher.de", "user@xn--bcher-kva.de")]
    [InlineData("user@例え.jp", "user@xn--r8jz45g.jp")]
    public void Addresses_that_reach_the_same_inbox_normalise_to_the_same_key(string typed, string key) =>
        Assert.Equal(key, EmailAddresses.Normalize(typed));

    [Theory]
    [InlineData("name@example.org", true)]
    [InlineData("name@bücher.de", true)]
    [InlineData("name+tag@sub.example.co.uk", true)]
    [InlineData("name@example", false)]
    [InlineData("name@@example.org", false)]
    [InlineData("name@example.org\r\nBcc: x@example.org", false)]
    [InlineData("name example@example.org", false)]
    [InlineData(".name@example.org", false)]
    [InlineData("name..x@example.org", false)]
    [InlineData("name@-example.org", false)]
    [InlineData("name@192.168.1.1", false)]
    [InlineData("", false)]
    public void Only_deliverable_looking_addresses_are_valid(string email, bool valid) =>
        Assert.Equal(valid, EmailAddresses.IsValid(email));
}
