using Microsoft.EntityFrameworkCore;
using Petitions.Core.Publishing;
using Petitions.Local.Demo;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.Local;

public sealed class DemoPetitionTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    [Fact]
    public async Task Seeding_the_demo_twice_gives_one_open_petition_to_the_Chinese_Embassy()
    {
        var first = await app.WithServiceAsync<DemoPetition, string>(d => d.EnsureAsync(CancellationToken.None));
        var second = await app.WithServiceAsync<DemoPetition, string>(d => d.EnsureAsync(CancellationToken.None));
        using var browser = app.Browser();

        Assert.Equal(first, second);
        Assert.Equal(1, await app.WithDbAsync(db => db.Petitions.CountAsync(p => p.Slug == DemoPetition.Slug)));
        var page = await browser.GetAsync($"/petitions/{first}");
        Assert.Equal("Grant refugee status to North Koreans in China", page.Heading);
        Assert.Contains("Embassy of the People's Republic of China", page.Text(".petition__to"));
        Assert.Equal(3, page.Document.QuerySelectorAll(".demands li").Length);
        Assert.Contains("forcible repatriation of North Koreans", page.Text(".demands"));
        Assert.Equal("Target: 50,000 signatures", page.Text(".tally__target"));
    }
}
