using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Petitions.Core.Data;
using Petitions.Local.Demo;
using Petitions.Local.LocalPostgres;
using Petitions.Tests.Infrastructure;
using Petitions.Tests.Signing;

namespace Petitions.Tests.Faults;

// PostgreSQL stopped under a running app, then started again: the app must answer clearly while
// it is away, store nothing half-way, and recover on its own.
public sealed class DatabaseOutageTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"petitions-outage-{Guid.NewGuid():N}");
    private readonly LocalPostgresOptions _options;
    private LocalPostgresCluster _cluster = null!;
    private readonly PetitionsApp _app = new();

    public DatabaseOutageTests() => _options = new LocalPostgresOptions(_directory, "petitions");
        // Durable settings: an immediate stop of an ephemeral cluster may drop commits, which is not the fault under test.

    public async ValueTask InitializeAsync()
    {
        // Its own server, so stopping it disturbs no other test.
        _cluster = await LocalPostgresCluster.StartAsync(_options);
        var options = new DbContextOptionsBuilder<PetitionsDbContext>();
        PetitionsDbContext.Configure(options, _cluster.ConnectionString);
        await using (var db = new PetitionsDbContext(options.Options))
            await db.Database.MigrateAsync();
        await _app.InitializeAsync();
    }

    [Fact]
    public async Task While_the_database_is_down_signing_gets_a_clear_503_and_afterwards_the_app_recovers_by_itself()
    {
        // Without the public page's one-second cache, which would answer the first second of an
        // outage from memory: this is about what a visitor sees once the database is gone.
        await using var instance = _app.StartInstance(b => b
            .UseSetting("ConnectionStrings:Petitions",
                new NpgsqlConnectionStringBuilder(_cluster.ConnectionString) { Timeout = 3, CommandTimeout = 5 }.ConnectionString)
            .UseSetting("PublicCache:Lifetime", "00:00:00"));
        var slug = await SeedPetitionAsync(instance);
        using var browser = new Browser(instance.BaseAddress);
        var form = await browser.GetAsync($"/petitions/{slug}");
        Assert.Equal("Check your email", (await browser.SubmitAsync(form, SignForm.Valid(SignForm.UniqueEmail()))).Heading);

        await _cluster.StopAsync();

        var lost = SignForm.UniqueEmail("while-down");
        var refused = await browser.SubmitAsync(form, SignForm.Valid(lost));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        Assert.Equal("Please try again in a moment", refused.Heading);
        Assert.Contains("nothing was recorded", refused.MainText);
        Assert.DoesNotContain("Exception", refused.Html);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await browser.Http.GetAsync("/health")).StatusCode);
        // The error page keeps the security headers, HSTS included, as reached through a TLS proxy.
        using (var request = new HttpRequestMessage(HttpMethod.Get, $"/petitions/{slug}"))
        {
            request.Headers.Host = "petitions.example.org";
            request.Headers.Add("X-Forwarded-Proto", "https");
            var errorPage = await browser.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, errorPage.StatusCode);
            Assert.Contains("frame-ancestors 'none'", errorPage.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("nosniff", errorPage.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.True(errorPage.Headers.Contains("Strict-Transport-Security"));
        }

        _cluster = await LocalPostgresCluster.StartAsync(_options);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await browser.Http.GetAsync("/health")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, "The app did not recover after the database came back.");
            await Task.Delay(250);
        }
        var again = await browser.SubmitAsync(await browser.GetAsync($"/petitions/{slug}"), SignForm.Valid(lost));
        Assert.Equal("Check your email", again.Heading);
        await using var connection = new NpgsqlConnection(_cluster.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM signatures", connection);
        Assert.Equal(2L, await count.ExecuteScalarAsync());
    }

    private static async Task<string> SeedPetitionAsync(PetitionsApp.Instance instance)
    {
        await using var scope = instance.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<Petitions.Local.Demo.DemoPetition>().EnsureAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _cluster.StopAsync();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
