using Microsoft.Extensions.Options;
using Petitions.Core;
using Petitions.Core.Petitions;
using Petitions.Web.Hosting;

namespace Petitions.Web.Cli;

// The app's command-line verbs. With no verb it serves the site; a verb does its job and exits.
//   migrate     apply database migrations and exit (for deploys that turn MigrateOnStartup off)
//   seed-demo   create the demo petition if it is missing, print its slug and exit
public sealed record CliCommand(string? Verb, string[] HostArgs)
{
    private static readonly string[] Verbs = ["migrate", "seed-demo"];

    public static CliCommand Parse(string[] args) =>
        args.Length > 0 && Verbs.Contains(args[0]) ? new CliCommand(args[0], args[1..]) : new CliCommand(null, args);

    public async Task<int> RunAsync(WebApplication app, LocalServices local)
    {
        var migrateOnStartup = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStartup;
        switch (Verb)
        {
            case "migrate":
                await app.Services.MigrateAsync();
                Console.WriteLine("The database is up to date.");
                return 0;

            case "seed-demo":
                if (migrateOnStartup)
                    await app.Services.MigrateAsync();
                Console.WriteLine(await SeedDemoAsync(app.Services));
                return 0;

            default:
                if (migrateOnStartup)
                    await app.Services.MigrateAsync();
                if (local.IsZeroConfiguration)
                    await SeedDemoAsync(app.Services);
                app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app, local));
                await app.RunAsync();
                return 0;
        }
    }

    private static async Task<string> SeedDemoAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DemoPetition>().EnsureAsync(CancellationToken.None);
    }
}
