using Microsoft.EntityFrameworkCore;
using Petitions.Core.Email;
using Petitions.Local.Mail;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.Signing;

// Anyone can type anyone's address into the sign form, and the name field with it. Until the
// address's owner confirms, nothing they did not write reaches them: no name in the body, the
// subject or the To header of any email sent before confirmation.
public sealed class UnconfirmedEmailTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    private const string Lure = "Your bank account is suspended, call 0800 555 0100 now";

    private static readonly Dictionary<string, string?> NoFields = [];

    private static void AssertNoLure(CapturedMail mail)
    {
        Assert.DoesNotContain("suspended", mail.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("suspended", mail.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("555 0100", mail.Text);
        Assert.DoesNotContain("555 0100", mail.Html);
        Assert.All(mail.Headers, h => Assert.DoesNotContain("suspended", h.Value, StringComparison.OrdinalIgnoreCase));
        Assert.All(mail.Headers, h => Assert.DoesNotContain("555 0100", h.Value, StringComparison.OrdinalIgnoreCase));
    }

    private async Task<IReadOnlyList<CapturedMail>> WaitForMailsAsync(string email, int count)
    {
        await Eventually.TrueAsync(() => Task.FromResult(app.Inbox.To(email).Count >= count), Inbox.Patience, $"{count} emails to {email}");
        return app.Inbox.To(email);
    }

    [Fact]
    public async Task The_name_typed_with_an_unconfirmed_address_is_in_none_of_the_emails_sent_before_confirmation()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = app.Browser();
        var email = SignForm.UniqueEmail("victim");

        await browser.SubmitAsync(await browser.GetAsync($"/petitions/{slug}"), SignForm.Valid(email, name: Lure));
        var first = await app.Inbox.WaitForAsync(email, "Please confirm your signature");
        // Signing again with the same address, before it is confirmed.
        await browser.SubmitAsync(await browser.GetAsync($"/petitions/{slug}"), SignForm.Valid(email, name: Lure));
        await WaitForMailsAsync(email, 2);
        // "Email me the link again", offered once the link has expired.
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE confirmation_tokens SET expires_at = now() - interval '1 minute' WHERE signature_id IN (SELECT id FROM signatures WHERE email = {email})"));
        await browser.SubmitAsync(await browser.GetAsync(Inbox.ConfirmationLink(first)), NoFields, "form[action*='NewLink']");
        var mails = await WaitForMailsAsync(email, 3);

        Assert.Equal(3, mails.Count);
        Assert.All(mails, AssertNoLure);
        Assert.All(mails, m => Assert.StartsWith("Hello,", m.Text.TrimStart()));
        Assert.Equal(email, mails[0].Header("To")!.Trim().Trim('<', '>'));
        // The name is kept as typed, for the list, once the address is confirmed.
        Assert.Equal(Lure, await app.WithDbAsync(db => db.Signatures.Where(s => s.Email == email).Select(s => s.Name).SingleAsync()));
    }
}
