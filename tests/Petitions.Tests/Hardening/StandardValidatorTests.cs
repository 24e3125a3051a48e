using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Petitions.Core.Staff;
using Petitions.Core.Updates;
using Petitions.Tests.Infrastructure;
using Petitions.Tests.Privacy;
using Petitions.Tests.Signing;

namespace Petitions.Tests.Hardening;

// What the app serves and sends, checked by the validators others use rather than by our own
// reading of the standards: every public page in a left-to-right language, one in another script
// and a right-to-left one, and every kind of email, through html-validate (its recommended rules,
// accessibility ones included); the OpenAPI document through Redocly's recommended rules. Each
// validator runs once over the whole batch.
public sealed class StandardValidatorTests(PetitionsApp app, ITestOutputHelper output) : IClassFixture<PetitionsApp>, IDisposable
{
    private static readonly string[] Languages = ["en", "ko", "ar"];

    private readonly string _folder = Directory.CreateTempSubdirectory("petitions-validators-").FullName;
    private readonly Dictionary<string, string> _pages = [];
    private readonly Dictionary<string, string> _emails = [];

    [Fact]
    public async Task Every_public_page_and_every_email_passes_html_validate()
    {
        var open = await A.Petition().Open().With(
            A.Signature("Ada Lovelace").ShowingNamePublicly(),
            A.Signature("김민지").From("KR", "Seoul").ShowingNamePublicly(),
            A.Signature("ليلى حداد").From("EG").ShowingNamePublicly()).BuildAsync(app);
        var closed = await A.Petition().Closed().WithConfirmedSignatures(3).BuildAsync(app);
        var delivered = await Deliveries.DeliveredWithPhotoAndResponseAsync(app);
        var withUpdates = await A.Petition().Open().BuildAsync(app);
        await AnUpdate.On(withUpdates).Titled("We have started").PublishedAgo(TimeSpan.FromDays(2)).BuildAsync(app);
        await AnUpdate.On(withUpdates).Titled("Delivered today").WithBody("The petition is in the minister’s hands. [See the photos](https://example.org/photos).")
            .Translated("ar", "سُلّمت اليوم", "العريضة الآن بين يدي الوزير.")
            .PublishedAgo(TimeSpan.FromHours(3)).BuildAsync(app);

        foreach (var language in Languages)
        {
            using var browser = BrowserSpeaking(language);
            await PagesAsync(browser, language, open, closed, delivered, withUpdates);
            await SigningJourneyAsync(browser, language, open);
        }
        await UpdateEmailsAsync();
        await InvitationEmailsAsync();

        var (exitCode, report) = await ValidateAsync();
        output.WriteLine($"{_pages.Count} pages: {string.Join(", ", _pages.Keys.Order())}");
        output.WriteLine($"{_emails.Count} emails: {string.Join(", ", _emails.Keys.Order())}");
        Assert.True(exitCode == 0, $"html-validate found problems (exit code {exitCode}):\n{report}");
    }

    // A validator that passes everything proves nothing: the same run fails a page without a title,
    // with an ARIA label on a plain list and a style attribute, where only the style attribute is
    // allowed in an email.
    [Fact]
    public async Task The_html_check_fails_a_page_without_a_title_with_a_labelled_plain_list_and_a_style_attribute()
    {
        const string bad = """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"></head>
            <body><main><ol aria-label="Signers"><li>Ada</li></ol><p style="color:red">Signed</p></main></body></html>
            """;
        _pages["bad.html"] = bad;
        _emails["bad.html"] = bad;

        var (exitCode, report) = await ValidateAsync();

        Assert.NotEqual(0, exitCode);
        var problems = report.Split('\n').Select(line => (Email: line.Contains("/emails/"), Rule: line.Split('[', ']') is [_, var rule, ..] ? rule : line)).ToArray();
        Assert.Equal(["aria-label-misuse", "element-required-content", "no-inline-style"], problems.Where(p => !p.Email).Select(p => p.Rule).Order());
        Assert.Equal(["aria-label-misuse", "element-required-content"], problems.Where(p => p.Email).Select(p => p.Rule).Order());
    }

    [Fact]
    public async Task The_openapi_document_passes_redocly_recommended_rules()
    {
        using var browser = app.Browser();
        var response = await browser.Http.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = Path.Combine(_folder, "openapi.json");
        await File.WriteAllTextAsync(document, await response.Content.ReadAsStringAsync());

        var (exitCode, report) = await StandardValidators.RedoclyLintAsync(document);

        output.WriteLine(report);
        Assert.True(exitCode == 0, $"redocly lint found problems (exit code {exitCode}):\n{report}");
    }

    private Browser BrowserSpeaking(string language)
    {
        var browser = app.Browser();
        browser.Http.DefaultRequestHeaders.Add("Accept-Language", language);
        return browser;
    }

    private void Keep(string name, Browser.WebPage page, HttpStatusCode status = HttpStatusCode.OK)
    {
        Assert.True(page.Status == status, $"{name}: {page.Url} answered {page.Status}, not {status}");
        _pages[name + ".html"] = page.Html;
    }

    private async Task PagesAsync(Browser browser, string language, string open, string closed, string delivered, string withUpdates)
    {
        Keep($"{language}-home", await browser.GetAsync("/"));
        var petition = await browser.GetAsync($"/petitions/{open}");
        Assert.True(petition.Has(".signers li"), "the open petition lists its recent signers");
        // No validator knows what language a text is in: the untranslated petition says it is in
        // English wherever the page is not.
        foreach (var selector in new[] { ".petition h1", ".petition .lead", ".petition__text" })
            Assert.Equal(language == "en" ? null : "en", petition.Document.QuerySelector(selector)!.GetAttribute("lang"));
        Keep($"{language}-petition", petition);
        Keep($"{language}-petition-with-errors", await browser.SubmitAsync(petition, new Dictionary<string, string?>(), "#sign form"));
        Keep($"{language}-petition-closed", await browser.GetAsync($"/petitions/{closed}"));
        Keep($"{language}-petition-delivered", await browser.GetAsync($"/petitions/{delivered}"));
        Keep($"{language}-petition-with-updates", await browser.GetAsync($"/petitions/{withUpdates}"));
        Keep($"{language}-widget", await browser.GetAsync($"/petitions/{open}/widget"));
        Keep($"{language}-widget-closed", await browser.GetAsync($"/petitions/{closed}/widget"));
        Keep($"{language}-privacy", await browser.GetAsync("/privacy"));
        Keep($"{language}-privacy-of-a-petition", await browser.GetAsync($"/privacy?petition={open}"));
        Keep($"{language}-verifying-a-delivery", await browser.GetAsync("/verifying-a-delivery"));
        Keep($"{language}-not-found", await browser.GetAsync("/petitions/no-such-petition"), HttpStatusCode.NotFound);
        Keep($"{language}-confirm-unknown", await browser.GetAsync("/confirm/no-such-token"), HttpStatusCode.NotFound);
        Keep($"{language}-manage-unknown", await browser.GetAsync("/signatures/manage/no-such-token"), HttpStatusCode.NotFound);
        Keep($"{language}-unsubscribe-unknown", await browser.GetAsync("/unsubscribe/no-such-token"), HttpStatusCode.NotFound);
        foreach (var code in new[] { 400, 403, 404, 405, 413, 415, 429, 500 })
        {
            var page = await browser.GetAsync($"/status/{code}");
            Assert.True(page.Document.QuerySelector("h1") is not null, $"/status/{code} shows a page");
            _pages[$"{language}-status-{code}.html"] = page.Html;
        }
        var error = await browser.GetAsync("/error");
        _pages[$"{language}-error.html"] = error.Html;

        var subscriber = await Subscriber.AddAsync(app, open);
        var unsubscribe = await browser.GetAsync(subscriber.UnsubscribeLink);
        Keep($"{language}-unsubscribe", unsubscribe);
        Keep($"{language}-unsubscribed", await browser.SubmitAsync(unsubscribe, new Dictionary<string, string?>()));
    }

    // Every page and email of one signer's way through, in their language: the confirmation, the
    // receipt, the email a second signing sends, and the copy of their data.
    private async Task SigningJourneyAsync(Browser browser, string language, string open)
    {
        var email = SignForm.UniqueEmail($"validated-{language}");
        var checkYourEmail = await browser.SubmitAsync(await browser.GetAsync($"/petitions/{open}"), SignForm.Valid(email));
        Keep($"{language}-check-your-email", checkYourEmail);
        var confirmation = await EmailAsync(email, 1);

        var confirm = await browser.GetAsync(Inbox.ConfirmationLink(confirmation));
        Keep($"{language}-confirm", confirm);
        Keep($"{language}-confirmed", await browser.SubmitAsync(confirm, PrivacyJourney.NoFields));
        var receipt = await EmailAsync(email, 2);

        await browser.SubmitAsync(await browser.GetAsync($"/petitions/{open}"), SignForm.Valid(email));
        await EmailAsync(email, 3);

        var manage = await browser.GetAsync(PrivacyJourney.ManageLink(receipt));
        Keep($"{language}-manage", manage);
        Keep($"{language}-manage-copy-sent", await browser.SubmitAsync(manage, PrivacyJourney.NoFields, "form[action*='handler=Copy']"));
        await EmailAsync(email, 4);

        // A link followed after the petition closed and its grace period ran out.
        var closing = await A.Petition().Open().BuildAsync(app);
        var late = SignForm.UniqueEmail($"late-{language}");
        await browser.SubmitAsync(await browser.GetAsync($"/petitions/{closing}"), SignForm.Valid(late));
        var lateConfirmation = await EmailAsync(late, 1);
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE petitions SET status = 'Closed', closed_at = {DateTimeOffset.UtcNow.AddDays(-3)} WHERE slug = {closing}"));
        Keep($"{language}-confirm-closed", await browser.GetAsync(Inbox.ConfirmationLink(lateConfirmation)));
    }

    // An update to subscribers, translated into Korean but not Arabic, and a notice of the
    // response: each to signers reading in the three languages, sent by the sending job itself.
    private async Task UpdateEmailsAsync()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var id = await app.PetitionIdAsync(slug);
        var signers = await Supporters.AddAsync(app, id, Languages.Select(l => Supporter.Named($"Reader {l}").ReadIn(l)).ToArray());
        var sender = app.Services.GetRequiredService<UpdateSender>();
        foreach (var audience in new[] { UpdateAudience.Subscribers, UpdateAudience.ResponseNotice })
        {
            // Held by this test's lease, so its batches run here, one after the other.
            var lease = UpdateSender.Microseconds(DateTimeOffset.UtcNow.AddHours(1));
            var updateId = await app.WithDbAsync(async db =>
            {
                var update = PetitionUpdate.Draft(id, $"News for {audience}", "The minister **agreed** to meet us.\n\n- Thank you\n- [Keep sharing](https://example.org/share)",
                    audience, "organiser@example.org", DateTimeOffset.UtcNow);
                update.Translate("ko", "새 소식", "장관이 만나기로 **동의했습니다**.", DateTimeOffset.UtcNow);
                update.StartSending(signers.Count, DateTimeOffset.UtcNow);
                db.PetitionUpdates.Add(update);
                await db.SaveChangesAsync();
                await db.Database.ExecuteSqlAsync($"UPDATE petition_updates SET locked_until = {lease} WHERE id = {update.Id}");
                return update.Id;
            });
            for (var batch = await sender.SendBatchAsync(updateId, lease, CancellationToken.None); batch is { Finished: false };
                 batch = await sender.SendBatchAsync(updateId, batch.LockedUntil, CancellationToken.None))
            {
            }
        }
        foreach (var signer in signers)
            await EmailAsync(signer.Email, 2);
    }

    // Written in the inviting Admin's language.
    private async Task InvitationEmailsAsync()
    {
        using var admin = await app.StaffBrowserAsync(StaffRoles.Admin);
        foreach (var language in Languages)
        {
            admin.Http.DefaultRequestHeaders.AcceptLanguage.Clear();
            admin.Http.DefaultRequestHeaders.Add("Accept-Language", language);
            var invited = SignForm.UniqueEmail($"invited-{language}");
            await admin.SubmitAsync(await admin.GetAsync("/admin/staff"),
                new Dictionary<string, string?> { ["Input.Email"] = invited, ["Input.Role"] = StaffRoles.Moderator }, "form[action*='handler=Invite']");
            await EmailAsync(invited, 1);
        }
    }

    // The address's nth email, kept for the validator under the name of its address.
    private async Task<Petitions.Local.Mail.CapturedMail> EmailAsync(string address, int nth)
    {
        await Eventually.TrueAsync(() => Task.FromResult(app.Inbox.To(address).Count >= nth), Inbox.Patience, $"email {nth} to {address}");
        var message = app.Inbox.To(address).OrderBy(m => m.Id).ElementAt(nth - 1);
        Assert.False(string.IsNullOrEmpty(message.Html), $"email {nth} to {address} has an HTML part");
        _emails[$"{address.Split('@')[0]}-{nth}.html"] = message.Html;
        return message;
    }

    private async Task<(int ExitCode, string Report)> ValidateAsync()
    {
        var pages = Directory.CreateDirectory(Path.Combine(_folder, "pages")).FullName;
        var emails = Directory.CreateDirectory(Path.Combine(_folder, "emails")).FullName;
        foreach (var (name, html) in _pages)
            await File.WriteAllTextAsync(Path.Combine(pages, name), html);
        foreach (var (name, html) in _emails)
            await File.WriteAllTextAsync(Path.Combine(emails, name), html);
        return await StandardValidators.HtmlValidateAsync(pages, emails);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
