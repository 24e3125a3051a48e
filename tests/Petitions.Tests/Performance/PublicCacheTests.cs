using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Petitions.Core.Publishing;
using Petitions.Tests.Infrastructure;
using Petitions.Tests.Signing;

namespace Petitions.Tests.Performance;

// The public page and API are served from data at most a second old (PetitionSnapshots, and whole
// responses for the API). What a visitor must still get: their own working form, a fresh enough
// count, and a database that a crowd arriving at once reads only once.
public sealed class PublicCacheTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    [Fact]
    public async Task Two_browsers_on_a_cached_page_each_get_their_own_token_and_both_can_sign()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        using var first = app.Browser();
        using var second = app.Browser();

        var firstForm = await first.GetAsync($"/petitions/{slug}");
        var secondForm = await second.GetAsync($"/petitions/{slug}");

        Assert.NotEqual(Token(firstForm), Token(secondForm));
        Assert.Equal("Check your email", (await second.SubmitAsync(secondForm, SignForm.Valid(SignForm.UniqueEmail("second")))).Heading);
        Assert.Equal("Check your email", (await first.SubmitAsync(firstForm, SignForm.Valid(SignForm.UniqueEmail("first")))).Heading);
    }

    [Fact]
    public async Task A_form_sent_with_another_browsers_token_is_refused()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        using var owner = app.Browser();
        using var other = app.Browser();
        var ownersForm = await owner.GetAsync($"/petitions/{slug}");
        await other.GetAsync($"/petitions/{slug}");

        // The other browser has its own antiforgery cookie, which the owner's token does not match.
        var refused = await other.SubmitAsync(ownersForm, SignForm.Valid(SignForm.UniqueEmail("stolen")));

        Assert.NotEqual("Check your email", refused.Heading);
        Assert.Equal(0, await app.SignatureRowsAsync(slug));
    }

    [Fact]
    public async Task A_confirmation_shows_on_the_page_and_in_the_api_at_once_on_the_instance_that_made_it()
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(2).BuildAsync(app);
        using var browser = app.Browser();
        Assert.Equal("2", (await browser.GetAsync($"/petitions/{slug}")).Text(".tally__count strong"));
        Assert.Equal(2, (await browser.Http.GetFromJsonAsync<CountJson>($"/api/petitions/{slug}"))!.SignatureCount);

        var email = SignForm.UniqueEmail("fresh");
        await browser.SubmitAsync(await browser.GetAsync($"/petitions/{slug}"), SignForm.Valid(email));
        var link = new Uri(Inbox.ConfirmationLink(await app.Inbox.WaitForAsync(email, "Please confirm"))).PathAndQuery;
        await browser.SubmitAsync(await browser.GetAsync(link), new Dictionary<string, string?>());

        Assert.Equal("3", (await browser.GetAsync($"/petitions/{slug}")).Text(".tally__count strong"));
        Assert.Equal(3, (await browser.Http.GetFromJsonAsync<CountJson>($"/api/petitions/{slug}"))!.SignatureCount);
    }

    [Fact]
    public async Task Many_requests_at_once_for_a_petition_nobody_has_read_yet_read_the_database_once()
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(4).BuildAsync(app);
        // A lifetime far longer than the test, so that a slow machine cannot let the entry expire
        // while the requests are still arriving, which would rightly cause a second read.
        await using var instance = app.StartInstance(b => b.UseSetting("PublicCache:Lifetime", "00:05:00"));
        var snapshots = instance.Services.GetRequiredService<PetitionSnapshots>();
        var before = snapshots.Loads;

        using var http = new HttpClient { BaseAddress = instance.BaseAddress };
        var pages = Enumerable.Range(0, 40).Select(_ => http.GetStringAsync($"/petitions/{slug}"));
        var api = Enumerable.Range(0, 40).Select(_ => http.GetFromJsonAsync<CountJson>($"/api/petitions/{slug}"));
        await Task.WhenAll(pages.Cast<Task>().Concat(api));

        Assert.Equal(1, snapshots.Loads - before);
        Assert.All(await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => http.GetFromJsonAsync<CountJson>($"/api/petitions/{slug}"))),
            json => Assert.Equal(4, json!.SignatureCount));
    }

    [Fact]
    public async Task Concurrent_look_ups_of_one_missing_entry_share_one_load()
    {
        var slug = await A.Petition().Open().WithConfirmedSignatures(1).BuildAsync(app);
        await using var instance = app.StartInstance(b => b.UseSetting("PublicCache:Lifetime", "00:05:00"));
        var snapshots = instance.Services.GetRequiredService<PetitionSnapshots>();
        var before = snapshots.Loads;
        using var start = new ManualResetEventSlim();

        var lookUps = Enumerable.Range(0, 64)
            .Select(_ => Task.Run(async () => { start.Wait(); return await snapshots.FindAsync(slug, CancellationToken.None); }))
            .ToArray();
        start.Set();
        var found = await Task.WhenAll(lookUps);

        Assert.Equal(1, snapshots.Loads - before);
        Assert.All(found, s => Assert.Equal(1, s!.SignatureCount));
    }

    [Fact]
    public async Task The_api_answers_from_its_cache_whatever_query_string_is_added()
    {
        var slug = await A.Petition().Open().BuildAsync(app);
        await using var instance = app.StartInstance(b => b.UseSetting("PublicCache:Lifetime", "00:05:00"));
        using var http = new HttpClient { BaseAddress = instance.BaseAddress };
        (await http.GetAsync($"/api/petitions/{slug}")).EnsureSuccessStatusCode();

        // Served from the cache (it says how old the answer is) rather than built again: adding
        // ?bust=1, ?bust=2, ... cannot make every request reach the database.
        for (var i = 0; i < 5; i++)
        {
            using var response = await http.GetAsync($"/api/petitions/{slug}?bust={i}");
            Assert.NotNull(response.Headers.Age);
        }
    }

    private static string Token(Browser.WebPage page) =>
        Browser.HiddenFields(page).Single(f => f.Key == "__RequestVerificationToken").Value;

    private sealed record CountJson(long SignatureCount);
}
