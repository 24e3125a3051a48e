using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Petitions.Core.Signing;

namespace Petitions.Web.Pages.PetitionPage;

// When the sign form was shown, carried in a hidden field of the form itself, for the abuse
// rule on forms sent back faster than a person can fill them in. Protected (encrypted and
// authenticated), so a bot cannot claim it saw the form a minute ago. Bound to the visitor it was
// shown to (a hash of their antiforgery cookie), so a bot cannot fetch one stamp, wait out the
// minimum once and send it with every signature; and good for SigningOptions.FormStampMaxAge
// (two hours by default), long enough for a slow reader, after which it counts as no stamp.
public sealed class SignFormStamp(
    IDataProtectionProvider dataProtection,
    IAntiforgery antiforgery,
    IOptions<AntiforgeryOptions> antiforgeryOptions,
    IOptions<SigningOptions> signingOptions,
    TimeProvider clock)
{
    private readonly IDataProtector _protector = dataProtection.CreateProtector("Petitions.SignForm.ShownAt.v2");
    private readonly TimeSpan _maxAge = signingOptions.Value.FormStampMaxAge;

    public string Issue(HttpContext http) =>
        _protector.Protect(string.Create(CultureInfo.InvariantCulture,
            $"{clock.GetUtcNow().ToUnixTimeMilliseconds()}|{VisitorOf(http, issuing: true)}"));

    // Null when missing, garbled, protected with keys this app does not have, issued to another
    // visitor, or too old.
    public DateTimeOffset? Read(string? stamp, HttpContext http)
    {
        if (string.IsNullOrEmpty(stamp))
            return null;
        string payload;
        try
        {
            payload = _protector.Unprotect(stamp);
        }
        catch (CryptographicException)
        {
            return null;
        }
        var bar = payload.IndexOf('|', StringComparison.Ordinal);
        if (bar < 0
            || !long.TryParse(payload.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            || ms > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
            return null;
        var visitor = VisitorOf(http, issuing: false);
        if (visitor.Length == 0 || !CryptographicOperations.FixedTimeEquals(
                Encoding.ASCII.GetBytes(payload[(bar + 1)..]), Encoding.ASCII.GetBytes(visitor)))
            return null;
        var shownAt = DateTimeOffset.FromUnixTimeMilliseconds(ms);
        return clock.GetUtcNow() - shownAt > _maxAge ? null : shownAt;
    }

    // A form that comes back with errors keeps the time it was first shown, so a person who fixes
    // one field and sends it again at once is not taken for a bot.
    public string Keep(string? stamp, HttpContext http) => Read(stamp, http) is null ? Issue(http) : stamp!;

    // The visitor, as the hash of their antiforgery cookie token: the form's own token is checked
    // against that cookie before the page runs, so a stamp carrying it was shown to whoever holds
    // the cookie. When the page is about to set a new cookie (a first visit), that one.
    private string VisitorOf(HttpContext http, bool issuing)
    {
        var cookie = (issuing ? antiforgery.GetAndStoreTokens(http).CookieToken : null)
            ?? http.Request.Cookies[antiforgeryOptions.Value.Cookie.Name!];
        return string.IsNullOrEmpty(cookie) ? "" : Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(cookie)));
    }
}
