using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Petitions.Web.Pages.Petitions;

// When the sign form was shown, carried in a hidden field of the form itself, for the abuse
// rule on forms sent back faster than a person can fill them in. Protected (encrypted and
// authenticated), so a bot cannot claim it saw the form a minute ago. Not time-limited: a person
// may leave the tab open overnight and still sign in the morning.
public sealed class SignFormStamp(IDataProtectionProvider dataProtection, TimeProvider clock)
{
    private readonly IDataProtector _protector = dataProtection.CreateProtector("Petitions.SignForm.ShownAt");

    public string Issue() =>
        _protector.Protect(clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));

    // Null when missing, garbled, or protected with keys this app does not have.
    public DateTimeOffset? Read(string? stamp)
    {
        if (string.IsNullOrEmpty(stamp))
            return null;
        try
        {
            return long.TryParse(_protector.Unprotect(stamp), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
                && ms <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
                ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
                : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    // A form that comes back with errors keeps the time it was first shown, so a person who fixes
    // one field and sends it again at once is not taken for a bot.
    public string Keep(string? stamp) => Read(stamp) is null ? Issue() : stamp!;
}
