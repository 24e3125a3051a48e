using System.Net;
using Microsoft.AspNetCore.Hosting;
using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.Hosting;

public sealed class HealthTests(PetitionsApp app) : IClassFixture<PetitionsApp>
{
    [Fact]
    public async Task Health_is_200_when_the_database_answers()
    {
        using var browser = app.Browser();
        var response = await browser.Http.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Health_is_503_and_pages_say_try_again_when_the_database_does_not_answer()
    {
        var unreachable = "Host=/tmp/petitions-no-such-server;Database=petitions;Username=postgres;Timeout=2";
        await using var instance = app.StartInstance(b =>
        {
            b.UseSetting("ConnectionStrings:Petitions", unreachable);
            b.UseSetting("Database:MigrateOnStartup", "false");
        });
        using var browser = new Browser(instance.BaseAddress);

        var health = await browser.Http.GetAsync("/health");
        var page = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.Status);
        Assert.Equal("Please try again in a moment", page.Heading);
    }
}
