using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Staff;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.Staff;

// The authenticator key is the second factor itself: whoever reads it from the database can make
// every code. So it is stored protected, like the cookies, by the Data Protection keys.
public sealed class AuthenticatorKeyTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    private static Dictionary<string, string?> Login(string email) =>
        new() { ["Input.Email"] = email, ["Input.Password"] = PetitionsApp.StaffPassword };

    private Task<List<string?>> StoredTokensAsync(string email) => app.WithDbAsync(db => db.UserTokens.AsNoTracking()
        .Where(t => db.Users.Any(u => u.Id == t.UserId && u.Email == email)).Select(t => t.Value).ToListAsync());

    private async Task<Browser.WebPage> SignInWithCodeAsync(Browser browser, string email, string key)
    {
        var codePage = await browser.SubmitAsync(await browser.GetAsync("/admin/login"), Login(email));
        Assert.Equal("Enter your code", codePage.Heading);
        return await browser.SubmitAsync(codePage, new Dictionary<string, string?> { ["Code"] = Totp.Code(key) });
    }

    [Fact]
    public async Task After_enrolment_the_authenticator_key_is_not_in_the_database_in_the_clear_and_its_codes_sign_in()
    {
        var email = await app.CreateStaffAsync(StaffRoles.Moderator);
        using var browser = app.Browser();
        await browser.SubmitAsync(await browser.GetAsync("/admin/login"), Login(email));
        var setup = await browser.GetAsync("/admin/account/two-factor");
        var key = setup.Text("#authenticator-key").Replace(" ", "").ToUpperInvariant();
        var enabled = await browser.SubmitAsync(setup, new Dictionary<string, string?> { ["Code"] = Totp.Code(key) });
        Assert.StartsWith("Two-factor sign-in is on", enabled.Text(".notice--success"));

        var stored = Assert.Single(await StoredTokensAsync(email));
        Assert.DoesNotContain(key, stored!, StringComparison.OrdinalIgnoreCase);

        using var again = app.Browser();
        var signedIn = await SignInWithCodeAsync(again, email, key);
        Assert.Equal("Petitions", signedIn.Heading);
    }

    [Fact]
    public async Task An_authenticator_key_stored_in_the_clear_by_an_earlier_version_still_signs_in_and_is_then_stored_protected()
    {
        var email = await app.CreateStaffAsync(StaffRoles.Moderator);
        var key = Base32(RandomNumberGenerator.GetBytes(20));
        await app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            user.TwoFactorEnabled = true;
            db.UserTokens.Add(new IdentityUserToken<string>
            {
                UserId = user.Id, LoginProvider = "[AspNetUserStore]", Name = "AuthenticatorKey", Value = key,
            });
            await db.SaveChangesAsync();
        });

        using var browser = app.Browser();
        var signedIn = await SignInWithCodeAsync(browser, email, key);

        Assert.Equal("Petitions", signedIn.Heading);
        var stored = Assert.Single(await StoredTokensAsync(email));
        Assert.DoesNotContain(key, stored!, StringComparison.OrdinalIgnoreCase);
        // And the protected key goes on working.
        using var later = app.Browser();
        Assert.Equal("Petitions", (await SignInWithCodeAsync(later, email, key)).Heading);
    }

    private static string Base32(byte[] bytes)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var text = new System.Text.StringBuilder();
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0)
            text.Append(alphabet[(buffer << (5 - bits)) & 31]);
        return text.ToString();
    }
}
