using System.Net;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Signing;
using Petitions.Local.Mail;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.Signing;

public sealed class ConfirmationTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    private static readonly Dictionary<string, string?> NoFields = [];

    private async Task<(string Slug, string Email, string Link, Browser Browser)> SignAsync()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var email = SignForm.UniqueEmail();
        var browser = app.Browser();
        await browser.SubmitAsync(await browser.GetAsync($"/petitions/{slug}"), SignForm.Valid(email));
        var link = Inbox.ConfirmationLink(await app.Inbox.WaitForAsync(email));
        return (slug, email, link, browser);
    }

    [Fact]
    public async Task Confirming_twice_is_harmless_and_counts_once()
    {
        var (slug, _, link, browser) = await SignAsync();
        using var _ = browser;
        var page = await browser.GetAsync(link);

        var first = await browser.SubmitAsync(page, NoFields);
        var second = await browser.SubmitAsync(page, NoFields);
        var reopened = await browser.GetAsync(link);

        Assert.Equal("Thank you: your signature is confirmed", first.Heading);
        Assert.Equal("Your signature is already confirmed", second.Heading);
        Assert.Equal("Your signature is already confirmed", reopened.Heading);
        Assert.Equal("1", (await browser.GetAsync($"/petitions/{slug}")).Text(".tally__count strong"));
    }

    [Fact]
    public async Task An_expired_link_offers_a_new_email_whose_link_works()
    {
        var (slug, email, link, browser) = await SignAsync();
        using var _ = browser;
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE confirmation_tokens SET expires_at = now() - interval '1 minute' WHERE signature_id IN (SELECT id FROM signatures WHERE email = {email})"));

        var page = await browser.GetAsync(link);
        Assert.Equal("This link has expired", page.Heading);
        var refused = await browser.PostWithTokenOfAsync(page, link);
        Assert.Equal("This link has expired", refused.Heading);
        Assert.Equal("0", (await browser.GetAsync($"/petitions/{slug}")).Text(".tally__count strong"));

        var afterAsking = await browser.SubmitAsync(await browser.GetAsync(link), NoFields, "form[action*='NewLink']");
        Assert.Equal("Check your email", afterAsking.Heading);
        var fresh = await WaitForSecondEmailAsync(email);
        var confirmed = await browser.SubmitAsync(await browser.GetAsync(Inbox.ConfirmationLink(fresh)), NoFields);

        Assert.Equal("Thank you: your signature is confirmed", confirmed.Heading);
        Assert.Equal("1", (await browser.GetAsync($"/petitions/{slug}")).Text(".tally__count strong"));
    }

    [Theory]
    [InlineData("tampered")]
    [InlineData("truncated")]
    [InlineData("garbage")]
    public async Task A_tampered_or_unknown_link_confirms_nothing(string damage)
    {
        var (slug, email, link, browser) = await SignAsync();
        using var _ = browser;
        var token = link[(link.LastIndexOf('/') + 1)..];
        var damaged = damage switch
        {
            "tampered" => token[..^1] + (token[^1] == 'A' ? 'B' : 'A'),
            "truncated" => token[..^5],
            _ => "<script>alert(1)</script>",
        };

        var page = await browser.GetAsync($"/confirm/{Uri.EscapeDataString(damaged)}");
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("We don’t recognise this link", page.Heading);

        var posted = await browser.PostWithTokenOfAsync(await browser.GetAsync($"/petitions/{slug}"), $"/confirm/{Uri.EscapeDataString(damaged)}");
        Assert.Equal("We don’t recognise this link", posted.Heading);

        var stored = await app.WithDbAsync(db => db.Signatures.SingleAsync(s => s.Email == email));
        Assert.Equal(SignatureStatus.Pending, stored.Status);
        Assert.Equal("0", (await browser.GetAsync($"/petitions/{slug}")).Text(".tally__count strong"));
    }

    [Fact]
    public async Task Tokens_are_random_long_and_stored_only_as_a_hash()
    {
        var (_, email, link, browser) = await SignAsync();
        using var _ = browser;
        var token = link[(link.LastIndexOf('/') + 1)..];

        var hashes = await app.WithDbAsync(db => db.ConfirmationTokens
            .Where(t => db.Signatures.Any(s => s.Id == t.SignatureId && s.Email == email))
            .Select(t => t.Hash).ToListAsync());

        Assert.True(Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/') + "=").Length * 8 >= 128);
        var hash = Assert.Single(hashes);
        Assert.Equal(ConfirmationToken.HashOf(token), hash);
        Assert.DoesNotContain(token, System.Text.Encoding.ASCII.GetString(hash));
    }

    private async Task<Petitions.Local.Mail.CapturedMail> WaitForSecondEmailAsync(string email)
    {
        var deadline = DateTime.UtcNow + Inbox.Patience;
        while (app.Inbox.To(email).Count < 2)
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail("The new confirmation email did not arrive.");
            await Task.Delay(100);
        }
        return app.Inbox.To(email)[1];
    }
}
