using System.Net;
using Microsoft.EntityFrameworkCore;
using Petitions.Core.Privacy;
using Petitions.Core.Signing;
using Petitions.Core.Updates;
using Petitions.Tests.Infrastructure;
using Petitions.Tests.Privacy;
using Petitions.Tests.Signing;

namespace Petitions.Tests.Updates;

public sealed class UnsubscribeTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    private static readonly Dictionary<string, string?> NoFields = PrivacyJourney.NoFields;

    // What a mail provider sends when its reader presses "Unsubscribe" (RFC 8058): no cookie, no
    // antiforgery token, only the address from the List-Unsubscribe header and this body.
    private async Task<HttpResponseMessage> OneClickAsync(string link)
    {
        using var provider = new HttpClient { BaseAddress = app.BaseAddress };
        return await provider.PostAsync(link, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
    }

    private Task<Signature> StoredAsync(long id) =>
        app.WithDbAsync(db => db.Signatures.AsNoTracking().SingleAsync(s => s.Id == id));

    private Task<List<ConsentEvent>> EventsAsync(long id) =>
        app.WithDbAsync(db => db.ConsentEvents.AsNoTracking().Where(e => e.SignatureId == id).ToListAsync());

    // The same token with the first character of its MAC changed, as a mangled or guessed link
    // has. (Not the last: its low bits are base64 padding, which decoding may ignore.)
    private static string Altered(string token)
    {
        var at = token.IndexOf('-') + 1;
        return token[..at] + (token[at] == 'A' ? 'B' : 'A') + token[(at + 1)..];
    }

    [Fact]
    public async Task One_click_post_without_cookies_or_antiforgery_unsubscribes_and_answers_200()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var signer = await Subscriber.AddAsync(app, slug);

        var response = await OneClickAsync(signer.UnsubscribeLink);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Unsubscribed", await response.Content.ReadAsStringAsync());
        var stored = await StoredAsync(signer.Id);
        Assert.NotNull(stored.UnsubscribedAt);
        Assert.False(stored.WantsUpdates);
        var consent = Assert.Single(await EventsAsync(signer.Id));
        Assert.Equal(ConsentEventKind.UpdatesUnsubscribed, consent.Kind);
        Assert.Equal(ConsentEventSource.OneClick, consent.Source);
        Assert.Equal(stored.UnsubscribedAt, consent.At);
    }

    [Fact]
    public async Task The_link_in_an_update_email_unsubscribes_with_one_click()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var signer = await Subscriber.AddAsync(app, slug);
        var update = await AnUpdate.On(slug).BuildAsync(app);

        var email = await signer.EmailAsync(app, update);
        var response = await OneClickAsync(Subscriber.LinkIn(email));

        Assert.Contains("List-Unsubscribe", email.HeaderNames);
        Assert.Contains("List-Unsubscribe-Post", email.HeaderNames);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await StoredAsync(signer.Id)).UnsubscribedAt);
    }

    [Fact]
    public async Task Opening_the_link_names_the_petition_and_offers_a_button_but_changes_nothing()
    {
        var slug = await A.Petition().Titled("Light the towpath").Open().BuildAsync(app);
        var signer = await Subscriber.AddAsync(app, slug);
        using var browser = app.Browser();

        var page = await browser.GetAsync(signer.UnsubscribeLink);
        await browser.GetAsync(signer.UnsubscribeLink);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Stop emails about this petition", page.Heading);
        Assert.Contains("“Light the towpath”", page.MainText);
        Assert.Equal("Stop emailing me updates", page.Text("main form button"));
        var stored = await StoredAsync(signer.Id);
        Assert.Null(stored.UnsubscribedAt);
        Assert.True(stored.WantsUpdates);
        Assert.Empty(await EventsAsync(signer.Id));
    }

    [Fact]
    public async Task Pressing_the_button_unsubscribes_and_says_no_more_updates_will_come()
    {
        var slug = await A.Petition().Titled("Light the towpath").Open().BuildAsync(app);
        var signer = await Subscriber.AddAsync(app, slug);
        using var browser = app.Browser();

        var done = await browser.SubmitAsync(await browser.GetAsync(signer.UnsubscribeLink), NoFields);

        Assert.Equal(HttpStatusCode.OK, done.Status);
        Assert.Equal("You are unsubscribed", done.Heading);
        Assert.Contains("You will get no more updates about “Light the towpath”.", done.MainText);
        Assert.Equal($"/petitions/{slug}", done.Document.QuerySelector("main a.button")?.GetAttribute("href"));
        Assert.NotNull((await StoredAsync(signer.Id)).UnsubscribedAt);
        Assert.Equal(ConsentEventSource.EmailLink, Assert.Single(await EventsAsync(signer.Id)).Source);
    }

    [Fact]
    public async Task The_page_speaks_the_readers_language()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var signer = await Subscriber.AddAsync(app, slug);
        using var browser = app.BrowserSpeaking("fr-FR,fr;q=0.9");

        var page = await browser.GetAsync(signer.UnsubscribeLink);
        var done = await browser.SubmitAsync(page, NoFields);

        Assert.Equal("fr", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Ne plus recevoir d’e-mails sur cette pétition", page.Heading);
        Assert.Equal("Vous êtes désabonné·e", done.Heading);
    }

    [Fact]
    public async Task Forged_or_altered_links_get_the_invalid_link_page_and_change_nothing()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var signer = await Subscriber.AddAsync(app, slug);
        var other = await Subscriber.AddAsync(app, slug);
        using var browser = app.Browser();
        var forged = new[]
        {
            Altered(signer.Token),
            // The same MAC spelled another way: base64's last character carries unused bits.
            Respelled(signer.Token),
            // A real MAC with another signature's id in front of it.
            other.Id + signer.Token[signer.Token.IndexOf('-')..],
            "1-not-a-token",
            "nonsense",
        };

        foreach (var token in forged)
        {
            var page = await browser.GetAsync($"/unsubscribe/{token}");
            Assert.Equal(HttpStatusCode.NotFound, page.Status);
            Assert.Equal("This unsubscribe link is not valid", page.Heading);
            Assert.False(page.Has("main form"));
            Assert.Equal(HttpStatusCode.NotFound, (await OneClickAsync($"/unsubscribe/{token}")).StatusCode);
        }

        Assert.Null((await StoredAsync(signer.Id)).UnsubscribedAt);
        Assert.Null((await StoredAsync(other.Id)).UnsubscribedAt);
        Assert.Empty(await EventsAsync(signer.Id));
        Assert.Empty(await EventsAsync(other.Id));
    }

    [Fact]
    public async Task Unsubscribing_again_is_calm_and_records_no_second_event()
    {
        var slug = await A.Petition().Titled("Light the towpath").Open().BuildAsync(app);
        var signer = await Subscriber.AddAsync(app, slug);
        using var browser = app.Browser();
        var page = await browser.GetAsync(signer.UnsubscribeLink);
        Assert.Equal(HttpStatusCode.OK, (await OneClickAsync(signer.UnsubscribeLink)).StatusCode);
        var first = (await StoredAsync(signer.Id)).UnsubscribedAt;

        var again = await OneClickAsync(signer.UnsubscribeLink);
        var pressedLate = await browser.SubmitAsync(page, NoFields);
        var reopened = await browser.GetAsync(signer.UnsubscribeLink);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, pressedLate.Status);
        Assert.Equal("You are already unsubscribed", pressedLate.Heading);
        Assert.Equal("You are already unsubscribed", reopened.Heading);
        Assert.Contains("“Light the towpath”", reopened.MainText);
        Assert.Equal(first, (await StoredAsync(signer.Id)).UnsubscribedAt);
        Assert.Single(await EventsAsync(signer.Id));
    }

    [Fact]
    public async Task A_withdrawn_signer_has_nothing_to_unsubscribe_from()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var signer = await Subscriber.AddAsync(app, slug, withdrawn: true);
        using var browser = app.Browser();

        var page = await browser.GetAsync(signer.UnsubscribeLink);
        var oneClick = await OneClickAsync(signer.UnsubscribeLink);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("You are already unsubscribed", page.Heading);
        Assert.False(page.Has("main form"));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.Null((await StoredAsync(signer.Id)).UnsubscribedAt);
        Assert.Empty(await EventsAsync(signer.Id));
    }

    [Fact]
    public async Task Only_the_one_click_post_goes_without_the_antiforgery_check()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var signer = await Subscriber.AddAsync(app, slug);
        using var stranger = new HttpClient { BaseAddress = app.BaseAddress };

        // The button's post, forged from another site: no antiforgery token, no cookie.
        var button = await stranger.PostAsync(signer.UnsubscribeLink + "?handler=Unsubscribe", new FormUrlEncodedContent([]));
        // The one-click address without the one-click body.
        var bare = await stranger.PostAsync(signer.UnsubscribeLink, new FormUrlEncodedContent([new("List-Unsubscribe", "Yes")]));

        Assert.Equal(HttpStatusCode.BadRequest, button.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        Assert.Null((await StoredAsync(signer.Id)).UnsubscribedAt);
        Assert.Empty(await EventsAsync(signer.Id));
    }

    [Fact]
    public async Task The_manage_page_stops_updates_and_notices_and_records_where_it_was_asked()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var email = SignForm.UniqueEmail();
        // Never asked for updates: still hears of the delivery and the response, until it says no.
        var manage = await PrivacyJourney.SignAndConfirmAsync(app, slug, email);
        var id = await app.WithDbAsync(db => db.Signatures.Where(s => s.Email == email).Select(s => s.Id).SingleAsync());
        using var browser = app.Browser();

        var page = await browser.GetAsync(manage);
        Assert.Contains("we email every supporter when the petition is delivered", page.MainText);
        var done = await browser.SubmitAsync(page, NoFields, "form[action*='handler=StopUpdates']");

        Assert.Contains("Done: we will not send you update emails about this petition.", done.MainText);
        Assert.False(done.Has("form[action*='handler=StopUpdates']"));
        Assert.Contains("You will not get update emails about this petition.", done.MainText);
        Assert.NotNull((await StoredAsync(id)).UnsubscribedAt);
        Assert.Equal(ConsentEventSource.ManagePage, Assert.Single(await EventsAsync(id)).Source);
    }

    [Fact]
    public async Task The_signers_copy_of_their_data_includes_when_and_how_they_unsubscribed()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        var email = SignForm.UniqueEmail();
        var manage = await PrivacyJourney.SignAndConfirmAsync(app, slug, email, SignForm.Valid(email).With("Input.WantsUpdates", "true"));
        var id = await app.WithDbAsync(db => db.Signatures.Where(s => s.Email == email).Select(s => s.Id).SingleAsync());
        var token = await app.WithServiceAsync<UnsubscribeTokens, string>(t => t.ForAsync(id, CancellationToken.None));
        await OneClickAsync($"/unsubscribe/{token}");
        using var browser = app.Browser();

        await browser.SubmitAsync(await browser.GetAsync(manage), NoFields, "form[action*='handler=Copy']");
        var copy = await app.Inbox.WaitForAsync(email, "A copy of the data we hold");

        Assert.Contains("Consent history:", copy.Text);
        Assert.Contains("you asked for no more emails about this petition (with your email program’s unsubscribe button)", copy.Text);
    }

    private static string Respelled(string token)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        return token[..^1] + alphabet[alphabet.IndexOf(token[^1]) ^ 1];
    }
}
