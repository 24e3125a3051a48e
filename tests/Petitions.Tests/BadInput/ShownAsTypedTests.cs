using System.Net;
using System.Text;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Petitions.Core.Data;
using Petitions.Core.Delivery;
using Petitions.Core.Email;
using Petitions.Core.Staff;
using Petitions.Tests.Delivery;
using Petitions.Tests.Infrastructure;
using Petitions.Tests.Signing;
using UglyToad.PdfPig;

namespace Petitions.Tests.BadInput;

public sealed class ShownAsTypedTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    private static readonly string[] Names =
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "Tom &amp; Jerry",
        "'; DROP TABLE signatures; --",
        "' OR 1=1 --",
    ];

    private const string Title = "<b>Save</b> the river & <script>alert('t')</script>";

    [Fact]
    public async Task Markup_and_SQL_typed_as_names_are_shown_as_typed_in_pages_emails_and_the_delivered_pack()
    {
        var slug = await A.Petition().Open().Titled(Title).BuildAsync(app);
        var petitionId = await app.PetitionIdAsync(slug);
        using var supporter = app.Browser();

        foreach (var name in Names)
        {
            var email = SignForm.UniqueEmail();
            var signed = await supporter.SubmitAsync(await supporter.GetAsync($"/petitions/{slug}"), SignForm.Valid(email, name));
            Assert.Equal("Check your email", signed.Heading);

            // The confirmation goes to an address nobody has confirmed, so it names no one
            // (UnconfirmedEmailTests); the receipt after confirming does.
            var confirmation = await app.Inbox.WaitForAsync(email, "Please confirm");
            Assert.DoesNotContain(name, confirmation.Text);
            AssertTextNotMarkup(confirmation.Html, Title);
            Assert.Contains(Title, confirmation.Subject);

            var confirmPage = await supporter.GetAsync(Inbox.ConfirmationLink(confirmation));
            AssertShownAsText(confirmPage, Title);
            var confirmed = await supporter.SubmitAsync(confirmPage, new Dictionary<string, string?>());
            AssertShownAsText(confirmed, Title);

            var receipt = await app.Inbox.WaitForAsync(email, "Your signature is confirmed");
            AssertTextNotMarkup(receipt.Html, $"Dear {name},");
            Assert.Contains($"Dear {name},", receipt.Text);
        }

        // The table still holds every signature: the SQL was data, not a statement.
        Assert.Equal(Names.Length, await app.SignatureRowsAsync(slug));
        var stored = await app.WithDbAsync(db => db.Signatures.Where(s => s.PetitionId == petitionId).Select(s => s.Name).ToListAsync());
        Assert.Equal(Names.Order(), stored.Order());

        using var moderator = await app.StaffBrowserAsync(StaffRoles.Moderator);
        var list = await moderator.GetAsync($"/admin/petitions/{petitionId}/signatures");
        AssertShownAsText(list, Title);
        foreach (var name in Names)
            AssertShownAsText(list, name);
        foreach (var link in list.Document.QuerySelectorAll("a[href^='/admin/signatures/']").Select(a => a.GetAttribute("href")!))
        {
            var review = await moderator.GetAsync(link);
            Assert.Contains(Names, name => review.Document.Body!.TextContent.Contains(name, StringComparison.Ordinal));
            Assert.Empty(review.Document.QuerySelectorAll("script:not([src]), img[onerror], b"));
        }

        var pack = await Exports.RunAsync(app, slug);
        var csvNames = new List<string>();
        using (var reader = CsvReader.Create(pack.Csv, new CsvReaderOptions { HasHeader = true }))
        {
            while (reader.Read())
                csvNames.Add(reader.GetString(1));
        }
        Assert.Equal(Names.Order(), csvNames.Order());
        using var pdf = PdfDocument.Open(pack.Pdf);
        var pdfNames = pdf.GetPages().SelectMany(PdfText.ListRows).Select(r => r[1]).ToList();
        Assert.Equal(Names.Order(), pdfNames.Order());
    }

    [Fact]
    public async Task A_line_break_in_a_name_or_title_that_reached_the_outbox_adds_no_header_and_no_recipient()
    {
        // The validators refuse such names; this is the last line of defence, for a row written by
        // an older version or another path: MimeKit encodes the display name and subject as words.
        var email = SignForm.UniqueEmail();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var emails = scope.ServiceProvider.GetRequiredService<SignatureEmails>();
            var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
            outbox.Add(emails.AlreadySigned("en", "Bob\r\nBcc: victim@example.com", "Rivers\r\nCc: other@example.com", "rivers", new string('B', 43)),
                email, "Bob\r\nBcc: victim@example.com\r\nX-Injected: yes");
            await scope.ServiceProvider.GetRequiredService<PetitionsDbContext>().SaveChangesAsync();
            outbox.WakeSender();
        }

        var mail = await app.Inbox.WaitForAsync(email);

        Assert.Equal([email], mail.EnvelopeRecipients);
        Assert.Equal([email], mail.HeaderRecipients);
        Assert.DoesNotContain(mail.HeaderNames, h => h is "Bcc" or "Cc" or "X-Injected");
        Assert.Single(mail.HeaderNames, h => h == "To");
        Assert.Single(mail.HeaderNames, h => h == "Subject");
        Assert.DoesNotContain(app.Mail.Messages, m => m.EnvelopeRecipients.Any(r => r.Contains("victim") || r.Contains("other@")));
    }

    // The text is on the page as text, and nowhere in the page as markup.
    private static void AssertShownAsText(Browser.WebPage page, string text)
    {
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(text, page.Document.Body!.TextContent);
        AssertTextNotMarkup(page.Html, text);
        Assert.Empty(page.Document.QuerySelectorAll("script:not([src]), img[onerror]"));
    }

    private static void AssertTextNotMarkup(string html, string text)
    {
        Assert.DoesNotContain(text, html);
        // Razor writes an apostrophe as &#x27;, WebUtility as &#39;: the same character.
        Assert.Contains(WebUtility.HtmlEncode(text), html.Replace("&#x27;", "&#39;"));
    }
}
