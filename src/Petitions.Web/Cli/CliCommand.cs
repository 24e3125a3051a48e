using Microsoft.Extensions.Options;
using Petitions.Core;
using Petitions.Core.Petitions;
using Petitions.Core.Privacy;
using Petitions.Core.Staff;
using Petitions.Web.Hosting;

namespace Petitions.Web.Cli;

// The app's command-line verbs. With no verb it serves the site; a verb does its job and exits.
//   migrate     apply database migrations and exit (for deploys that turn MigrateOnStartup off)
//   seed-demo   create the demo petition if it is missing, print its slug and exit
//   seed-demo --petition SLUG --signatures N
//               add N realistic confirmed signatures, in many scripts and countries, to that
//               petition (made from the demo text if missing), reconcile its count and exit
//   export --petition SLUG --format pdf|csv|staff-csv --output PATH [--volume-size N]
//               write the delivery pack to PATH (a file, or a directory for several files)
//   retention   apply the privacy retention rules once (anonymise delivered petitions' signers,
//               delete expired unconfirmed signatures, shorten old IP addresses, delete old
//               sent emails) and exit
//   create-admin --email you@example.org
//               make that account an Admin with the password read from standard input
//               (creating it, or resetting its password), and exit
public sealed record CliCommand(string? Verb, string[] HostArgs)
{
    private static readonly string[] Verbs = ["migrate", "seed-demo", "create-admin", "export", "retention"];

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
                if (app.Configuration["signatures"] is not null || app.Configuration["petition"] is not null)
                    return await DeliveryCommands.SeedSignaturesAsync(app);
                Console.WriteLine(await SeedDemoAsync(app.Services));
                return 0;

            case "export":
                if (migrateOnStartup)
                    await app.Services.MigrateAsync();
                return await DeliveryCommands.ExportAsync(app);

            case "retention":
                if (migrateOnStartup)
                    await app.Services.MigrateAsync();
                return await RetentionAsync(app.Services);

            case "create-admin":
                if (migrateOnStartup)
                    await app.Services.MigrateAsync();
                return await CreateAdminAsync(app);

            default:
                if (migrateOnStartup)
                    await app.Services.MigrateAsync();
                string? devPassword = null;
                if (local.IsZeroConfiguration)
                {
                    await SeedDemoAsync(app.Services);
                    devPassword = await EnsureDevelopmentAdminAsync(app.Services);
                }
                app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app, local, devPassword));
                await app.RunAsync();
                return 0;
        }
    }

    private static async Task<int> RetentionAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<RetentionJob>().RunAsync(CancellationToken.None);
        Console.WriteLine(report + ".");
        return 0;
    }

    private async Task<int> CreateAdminAsync(WebApplication app)
    {
        var email = app.Configuration["email"];
        if (string.IsNullOrWhiteSpace(email))
        {
            Console.Error.WriteLine("Usage: create-admin --email you@example.org   (the password is read from standard input)");
            return 2;
        }
        var password = ReadPassword($"Password for {email} (at least 12 characters): ");
        await using var scope = app.Services.CreateAsyncScope();
        switch (await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateOrResetAdminAsync(email.Trim(), password))
        {
            case StaffResult.Done done:
                Console.WriteLine(done.Message);
                return 0;
            case StaffResult.Invalid invalid:
                foreach (var error in invalid.Errors)
                    Console.Error.WriteLine(error.Message);
                return 1;
            default:
                return 1;
        }
    }

    // From a pipe, one line; at a terminal, typed without echo.
    private static string ReadPassword(string prompt)
    {
        if (Console.IsInputRedirected)
            return Console.In.ReadLine() ?? "";
        Console.Error.Write(prompt);
        var password = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
                break;
            if (key.Key == ConsoleKey.Backspace && password.Length > 0)
                password.Length--;
            else if (!char.IsControl(key.KeyChar))
                password.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return password.ToString();
    }

    private static async Task<string?> EnsureDevelopmentAdminAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StaffAccounts>().EnsureDevelopmentAdminAsync();
    }

    private static async Task<string> SeedDemoAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DemoPetition>().EnsureAsync(CancellationToken.None);
    }
}
