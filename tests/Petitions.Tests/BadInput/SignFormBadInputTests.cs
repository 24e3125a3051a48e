using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Petitions.Core;
using Petitions.Core.Signing;
using Petitions.Core.Text;
using Petitions.Tests.Infrastructure;
using Petitions.Tests.Signing;

namespace Petitions.Tests.BadInput;

public sealed class SignFormBadInputTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    [Theory]
    [MemberData(nameof(SignFormCorpus.Names), MemberType = typeof(SignFormCorpus))]
    public async Task Each_input_in_the_corpus_gets_its_field_error_or_is_stored_exactly_as_typed(string input)
    {
        var @case = SignFormCorpus.Cases[input];
        var slug = await A.Petition().Open().BuildAsync(app);
        using var browser = app.Browser();
        var email = @case.Field == "Input.Email" && @case.Value is not null ? @case.Value : SignForm.UniqueEmail();
        var form = SignForm.Valid(email).With("Input.Comment", "Good luck");

        var page = await PostAsync(browser, slug, form, @case);

        switch (@case.Outcome)
        {
            case SignOutcome.FieldError error:
                Assert.Equal(HttpStatusCode.OK, page.Status);
                Assert.Equal($"Error: {error.Message}", page.Text($"#{error.FieldId}-error"));
                Assert.Equal(error.Message, page.Text($".error-summary a[href='#{error.FieldId}']"));
                Assert.Single(page.Document.QuerySelectorAll(".error-summary li"));
                Assert.Equal(0, await app.SignatureRowsAsync(slug));
                break;

            case SignOutcome.Stored:
                Assert.Equal("Check your email", page.Heading);
                var stored = await app.WithDbAsync(db => db.Signatures.SingleAsync(s => db.Petitions.Any(p => p.Id == s.PetitionId && p.Slug == slug)));
                var typed = @case.Value!.Trim();
                var storedValue = @case.Field switch
                {
                    "Input.Name" => stored.Name,
                    "Input.Email" => stored.Email,
                    "Input.City" => stored.City,
                    "Input.Comment" => stored.Comment,
                    _ => throw new InvalidOperationException(@case.Field),
                };
                Assert.Equal(typed, storedValue);

                var mail = await app.Mail.WaitForAsync(m => SameMailbox(m.To, stored.Email!) && m.Subject.Contains("Please confirm", StringComparison.Ordinal), Inbox.Patience);
                // One recipient, in the envelope and in the headers. MailKit sends an IDN domain as
                // UTF-8 to a server offering SMTPUTF8 (as the catcher does, though it reads the
                // envelope back as ASCII) and in punycode to one that does not, so the envelope is
                // compared exactly only for ASCII addresses.
                var envelope = Assert.Single(mail.EnvelopeRecipients);
                if (stored.Email!.All(char.IsAscii))
                    Assert.Equal(stored.Email, envelope, ignoreCase: true);
                var header = Assert.Single(mail.HeaderRecipients);
                Assert.True(SameMailbox(header, stored.Email!), header);
                // The address is not confirmed yet, so the email names no one (UnconfirmedEmailTests);
                // names in emails after confirmation are checked by ShownAsTypedTests.
                Assert.StartsWith("Hello,", mail.Text.TrimStart());
                Assert.Contains("<p>Hello,</p>", mail.Html);
                break;
        }

        await StoredValues.AssertNoneWouldBeRefusedAsync(app);
    }

    // The form's own hidden fields, the valid answers, and the case's value in place of its field,
    // percent-encoded by hand so that bytes no string can hold can be sent too.
    private static async Task<Browser.WebPage> PostAsync(Browser browser, string slug, Dictionary<string, string?> form, SignCase @case)
    {
        var page = await browser.GetAsync($"/petitions/{slug}");
        if (@case.Multipart)
        {
            var multipart = new MultipartFormDataContent();
            foreach (var (key, value) in Browser.HiddenFields(page).Concat(form.Where(kv => kv.Key != @case.Field && kv.Value is not null)
                         .Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value!))).Append(new(@case.Field, @case.Value!)))
                multipart.Add(new StringContent(value, Encoding.UTF8), key);
            return await browser.PostAsync($"/petitions/{slug}", multipart);
        }
        var pairs = Browser.HiddenFields(page)
            .Select(kv => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(kv.Value)}")
            .Concat(form.Where(kv => kv.Key != @case.Field && kv.Value is not null)
                .Select(kv => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(kv.Value!)}"))
            .Append($"{Uri.EscapeDataString(@case.Field)}={@case.Encoded ?? Uri.EscapeDataString(@case.Value!)}");
        // As a browser sends it: no charset, so the server reads the bytes as UTF-8.
        var body = new ByteArrayContent(Encoding.ASCII.GetBytes(string.Join("&", pairs)));
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        return await browser.PostAsync($"/petitions/{slug}", body);
    }

    private static bool SameMailbox(string a, string b) =>
        EmailAddresses.IsValid(a) && EmailAddresses.IsValid(b) && EmailAddresses.Normalize(a) == EmailAddresses.Normalize(b);
}
