using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Petitions.Core.Counting;
using Petitions.Core.Data;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.PublicData;

public sealed class PublicDataApiTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    [Fact]
    public async Task The_api_gives_counted_signatures_by_country_most_first()
    {
        var slug = await Seeded.PetitionAsync(app);

        var statistics = (await GetAsync(slug)).GetProperty("statistics");

        var countries = statistics.GetProperty("byCountry").EnumerateArray()
            .Select(c => (c.GetProperty("code").GetString(), c.GetProperty("name").GetString(), c.GetProperty("signatures").GetInt64()));
        Assert.Equal([("FR", "France", 3L), ("BR", "Brazil", 1L)], countries);
    }

    [Fact]
    public async Task The_api_gives_counted_signatures_for_every_utc_hour_of_the_last_week()
    {
        var slug = await Seeded.PetitionAsync(app);

        var hours = (await GetAsync(slug)).GetProperty("statistics").GetProperty("byHour").EnumerateArray()
            .Select(h => (Hour: h.GetProperty("hour").GetDateTimeOffset(), Signatures: h.GetProperty("signatures").GetInt64()))
            .ToArray();

        // Published ten days ago: the timeline is the last seven days, hour by hour, empty ones included.
        Assert.Equal(PetitionStatistics.TimelineHours, hours.Length);
        Assert.Equal(Seeded.HourOf(DateTimeOffset.UtcNow), hours[^1].Hour);
        Assert.All(hours.Zip(hours.Skip(1)), pair => Assert.Equal(TimeSpan.FromHours(1), pair.Second.Hour - pair.First.Hour));
        Assert.Equal(2, hours.Single(h => h.Hour == Seeded.EarlierHour).Signatures);
        Assert.Equal(2, hours.Single(h => h.Hour == Seeded.LaterHour).Signatures);
        Assert.Equal(4, hours.Sum(h => h.Signatures));
    }

    [Fact]
    public async Task The_api_lists_the_latest_counted_signers_who_chose_to_be_named_newest_first_and_nothing_else_about_them()
    {
        var slug = await Seeded.PetitionAsync(app);

        var signers = (await GetAsync(slug)).GetProperty("recentSigners").EnumerateArray().ToArray();

        Assert.Equal(Seeded.NamedAndCounted, signers.Select(s => s.GetProperty("name").GetString()));
        Assert.All(signers, s => Assert.Equal(["name", "country", "countryName", "signedAt"], s.EnumerateObject().Select(p => p.Name)));
        var ana = signers[0];
        Assert.Equal("BR", ana.GetProperty("country").GetString());
        Assert.Equal("Brazil", ana.GetProperty("countryName").GetString());
        Assert.Equal(Seeded.LaterHour.AddMinutes(30), ana.GetProperty("signedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Signers_who_did_not_choose_to_be_named_or_do_not_count_never_appear_in_the_api()
    {
        var slug = await Seeded.PetitionAsync(app);
        using var browser = app.Browser();

        var json = await browser.Http.GetStringAsync($"/api/petitions/{slug}");

        foreach (var name in Seeded.NeverShown)
            Assert.DoesNotContain(name, json);
        Assert.DoesNotContain("@", json);
    }

    [Fact]
    public async Task Withdrawn_flagged_invalidated_and_pending_signatures_are_not_in_any_figure()
    {
        var slug = await Seeded.PetitionAsync(app);

        var root = await GetAsync(slug);

        var statistics = root.GetProperty("statistics");
        Assert.Equal(4, root.GetProperty("signatureCount").GetInt64());
        Assert.Equal(4, statistics.GetProperty("byCountry").EnumerateArray().Sum(c => c.GetProperty("signatures").GetInt64()));
        Assert.Equal(4, statistics.GetProperty("byHour").EnumerateArray().Sum(h => h.GetProperty("signatures").GetInt64()));
        Assert.DoesNotContain(statistics.GetProperty("byCountry").EnumerateArray(), c => c.GetProperty("code").GetString() == "DE");
    }

    [Fact]
    public async Task A_petition_with_no_signatures_has_empty_figures()
    {
        var slug = await A.Petition().Open().BuildAsync(app);

        var root = await GetAsync(slug);

        Assert.Equal(0, root.GetProperty("statistics").GetProperty("byCountry").GetArrayLength());
        Assert.All(root.GetProperty("statistics").GetProperty("byHour").EnumerateArray(), h => Assert.Equal(0, h.GetProperty("signatures").GetInt64()));
        Assert.Equal(0, root.GetProperty("recentSigners").GetArrayLength());
    }

    [Fact]
    public async Task Many_requests_at_once_compute_the_figures_once()
    {
        var slug = await Seeded.PetitionAsync(app);
        // Lifetimes far longer than the test, so that a slow machine cannot let an entry expire
        // while the requests are still arriving, which would rightly cause a second read.
        var recorder = new CommandRecorder();
        await using var instance = app.StartInstance(b => b
            .UseSetting("PublicCache:Lifetime", "00:05:00")
            .UseSetting("PublicCache:StatisticsLifetime", "00:05:00")
            .ConfigureTestServices(services => services.ConfigureDbContext<PetitionsDbContext>(o => o.AddInterceptors(recorder))));

        using var http = new HttpClient { BaseAddress = instance.BaseAddress };
        var pages = Enumerable.Range(0, 30).Select(_ => http.GetStringAsync($"/petitions/{slug}"));
        var api = Enumerable.Range(0, 30).Select(_ => http.GetStringAsync($"/api/petitions/{slug}"));
        await Task.WhenAll(pages.Concat(api));

        // Each load of the tallies reads the hours once (date_trunc), and each load of the recent
        // signers reads the named ones (show_name_publicly); nothing else the pages ask for does.
        Assert.Single(recorder.Commands, c => c.Sql.Contains("date_trunc"));
        Assert.Single(recorder.Commands, c => c.Sql.Contains("show_name_publicly"));
    }

    private async Task<JsonElement> GetAsync(string slug)
    {
        using var browser = app.Browser();
        return await browser.Http.GetFromJsonAsync<JsonElement>($"/api/petitions/{slug}");
    }
}
