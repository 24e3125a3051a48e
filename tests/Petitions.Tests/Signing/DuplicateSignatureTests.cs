using System.Net;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Signing;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.Signing;

public sealed class DuplicateSignatureTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    [Fact]
    public async Task Duplicate_while_pending_gets_the_same_page_a_new_confirmation_email_and_no_second_row()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var email = SignForm.UniqueEmail();
        using var browser = app.Browser();

        var first = await browser.SubmitAsync(await browser.GetAsync($"/petitions/{slug}"), SignForm.Valid(email));
        var firstMail = await app.Inbox.WaitForAsync(email);
        var second = await browser.SubmitAsync(await browser.GetAsync($"/petitions/{slug}"), SignForm.Valid(email.ToUpperInvariant()));

        Assert.Equal(first.Url, second.Url);
        Assert.Equal(first.MainText, second.MainText);
        Assert.Equal(1, await app.SignatureRowsAsync(slug));
        await WaitForMailCountAsync(email, 2);
        var mails = app.Inbox.To(email);
        Assert.All(mails, m => Assert.StartsWith("Please confirm your signature", m.Subject));
        Assert.NotEqual(Inbox.ConfirmationLink(mails[0]), Inbox.ConfirmationLink(mails[1]));

        // The first email's link still works after the second was sent.
        var confirmPage = await browser.GetAsync(Inbox.ConfirmationLink(firstMail));
        var confirmed = await browser.SubmitAsync(confirmPage, new Dictionary<string, string?>());
        Assert.Equal("Thank you: your signature is confirmed", confirmed.Heading);
    }

    [Fact]
    public async Task Duplicate_after_confirming_gets_the_same_page_an_already_signed_email_and_no_second_row()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var email = SignForm.UniqueEmail();
        using var browser = app.Browser();
        var first = await browser.SubmitAsync(await browser.GetAsync($"/petitions/{slug}"), SignForm.Valid(email));
        var link = Inbox.ConfirmationLink(await app.Inbox.WaitForAsync(email));
        await browser.SubmitAsync(await browser.GetAsync(link), new Dictionary<string, string?>());

        var again = await browser.SubmitAsync(await browser.GetAsync($"/petitions/{slug}"), SignForm.Valid(email, name: "Someone Else"));

        Assert.Equal(first.MainText, again.MainText);
        var notice = await app.Inbox.WaitForAsync(email, "You have already signed");
        Assert.Contains("already confirmed and counted", notice.Text);
        Assert.Contains("Dear Ada Lovelace", notice.Text);
        Assert.Equal(1, await app.SignatureRowsAsync(slug));
        var stored = await app.WithDbAsync(db => db.Signatures.SingleAsync(s => s.Email == email));
        Assert.Equal("Ada Lovelace", stored.Name);
        Assert.Equal("1", (await browser.GetAsync($"/petitions/{slug}")).Text(".tally__count strong"));
    }

    [Fact]
    public async Task Gmail_dots_and_plus_tags_are_the_same_signer()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var local = $"ada.lovelace{Guid.NewGuid():N}"[..24];
        using var browser = app.Browser();

        await browser.SubmitAsync(await browser.GetAsync($"/petitions/{slug}"), SignForm.Valid($"{local}@gmail.com"));
        await browser.SubmitAsync(await browser.GetAsync($"/petitions/{slug}"), SignForm.Valid($"{local.Replace(".", "")}+petitions@googlemail.com"));

        Assert.Equal(1, await app.SignatureRowsAsync(slug));
        await WaitForMailCountAsync($"{local}@gmail.com", 2);
    }

    [Fact]
    public async Task A_signature_causes_at_most_five_emails()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var email = SignForm.UniqueEmail();
        using var browser = app.Browser();

        for (var i = 0; i < 8; i++)
        {
            var page = await browser.SubmitAsync(await browser.GetAsync($"/petitions/{slug}"), SignForm.Valid(email));
            Assert.Equal("Check your email", page.Heading);
        }

        await WaitForMailCountAsync(email, SignatureRules.MaxEmailsPerSignature);
        await Task.Delay(1500);
        Assert.Equal(SignatureRules.MaxEmailsPerSignature, app.Inbox.To(email).Count);
        Assert.Equal(SignatureRules.MaxEmailsPerSignature, await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == email)));
    }

    [Fact]
    public async Task Twenty_identical_posts_at_once_leave_one_row()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var email = SignForm.UniqueEmail();
        var browsers = Enumerable.Range(0, 20).Select(_ => app.Browser()).ToArray();
        var pages = await Task.WhenAll(browsers.Select(b => b.GetAsync($"/petitions/{slug}")));

        var results = await Task.WhenAll(browsers.Select((b, i) => b.SubmitAsync(pages[i], SignForm.Valid(email))));

        Assert.All(results, r => Assert.Equal("Check your email", r.Heading));
        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Equal(1, await app.SignatureRowsAsync(slug));
        var emails = await app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.ToAddress == email));
        Assert.InRange(emails, 1, SignatureRules.MaxEmailsPerSignature);
        foreach (var b in browsers)
            b.Dispose();
    }

    private async Task WaitForMailCountAsync(string email, int count)
    {
        var deadline = DateTime.UtcNow + Inbox.Patience;
        while (app.Inbox.To(email).Count < count)
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Expected {count} emails to {email}, got {app.Inbox.To(email).Count}.");
            await Task.Delay(100);
        }
    }
}
