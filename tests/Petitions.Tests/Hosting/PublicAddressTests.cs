using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.Hosting;

public sealed class PublicAddressTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    // Everything else a production server needs is set, so the address is what it stops on.
    private static Dictionary<string, string> ProductionWithAddress(string baseUrl) => new()
    {
        ["ConnectionStrings__Petitions"] = "Host=/tmp/petitions-no-such-server;Database=petitions;Username=postgres;Timeout=2",
        ["Database__MigrateOnStartup"] = "false",
        ["Smtp__Host"] = "127.0.0.1",
        ["App__BaseUrl"] = baseUrl,
    };

    [Fact]
    public async Task In_production_the_app_refuses_to_start_without_its_public_address_and_says_so_in_one_line()
    {
        await using var app = AppProcess.Start(ProductionWithAddress(""));

        var exitCode = await app.WaitForExitAsync(Patience);

        Assert.NotEqual(0, exitCode);
        var error = Assert.Single(app.Errors, line => line.Trim().Length > 0);
        Assert.StartsWith("App__BaseUrl is not set.", error);
        Assert.DoesNotContain(app.Output, line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task In_production_a_public_address_that_is_not_a_web_address_is_refused_too()
    {
        await using var app = AppProcess.Start(ProductionWithAddress("petitions.example.org"));

        var exitCode = await app.WaitForExitAsync(Patience);

        Assert.NotEqual(0, exitCode);
        var error = Assert.Single(app.Errors, line => line.Trim().Length > 0);
        Assert.StartsWith("App__BaseUrl \"petitions.example.org\" is not an http or https address.", error);
    }
}
