using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Petitions.Core.Abuse;

// One address or a CIDR block, as the first and last address it covers. A range of two host
// addresses is what the btree index on (petition_id, ip_address, signed_at) can seek: stored
// addresses are all host addresses (/32 or /128), and among those inet orders by address.
public sealed record IpRange(IPAddress First, IPAddress Last, string Text)
{
    public static bool TryParse(string? text, out IpRange range)
    {
        range = null!;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var parts = text.Trim().Split('/');
        if (parts.Length > 2 || !TryParseAddress(parts[0], out var address))
            return false;

        var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = bits;
        if (parts.Length == 2 && (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > bits))
            return false;

        // ::ffff:192.0.2.0/120 is the IPv4 block 192.0.2.0/24, and is searched as one.
        if (address.IsIPv4MappedToIPv6 && prefix >= 96)
        {
            address = address.MapToIPv4();
            prefix -= 96;
            bits = 32;
        }

        var first = address.GetAddressBytes();
        var last = address.GetAddressBytes();
        for (var bit = prefix; bit < bits; bit++)
        {
            var mask = (byte)(0x80 >> (bit % 8));
            first[bit / 8] &= (byte)~mask;
            last[bit / 8] |= mask;
        }
        var network = new IPAddress(first);
        range = new IpRange(network, new IPAddress(last), prefix == bits ? network.ToString() : $"{network}/{prefix}");
        return true;
    }

    // A proxy or a dual-stack socket can hand the app an IPv4 address written as IPv6
    // (::ffff:192.0.2.7). An IPv4 search finds those too.
    public IpRange? MappedToIPv6 => First.AddressFamily == AddressFamily.InterNetwork
        ? this with { First = First.MapToIPv6(), Last = Last.MapToIPv6() }
        : null;

    // IPAddress.TryParse takes legacy shorthands ("10" is 0.0.0.10, "10.1" is 10.0.0.1) that no
    // moderator means, and zone ids that no stored address has; only the plain forms are accepted.
    private static bool TryParseAddress(string text, out IPAddress address)
    {
        address = IPAddress.None;
        if (text.Contains('%'))
            return false;
        if (!text.Contains(':') && text.Split('.').Length != 4)
            return false;
        return IPAddress.TryParse(text, out address!);
    }
}
