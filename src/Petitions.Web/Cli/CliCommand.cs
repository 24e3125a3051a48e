using Microsoft.Extensions.Options;
using Petitions.Core;
using Petitions.Core.Privacy;
using Petitions.Core.Publishing;
using Petitions.Core.Staff;
using Petitions.Local;
using Petitions.Local.Demo;
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
//   create-admin --email you@example.org [--promote]
//               create an Admin, or reset an existing Admin's password, with the password read
//               from standard input, and exit; another role becomes Admin only with --promote
//   staff list | staff set-role --email X --role Admin|Moderator
//   staff deactivate --email X | staff reactivate --email X
//               see and change staff access when no Admin can sign in (StaffCommands)
public sealed record CliCommand(string? Verb, string[] HostArgs)
{
    private static readonly string[] Verbs = ["migrate", "seed-demo", "create-admin", "export", "retention", "staff"];

    // The word after `staff` says what to do; it is not a setting for the host.
    public string? Subverb { get; private init; }

    // A bare switch: taken out of the host's arguments, where it would swallow the next one as its value.
    public bool Promote { get; private init; }

    public static CliCommand Parse(string[] args)
    {
        if (args.Length == 0 || !Verbs.Contains(args[0]))
            return new CliCommand(null, args);
        if (args[0] == "create-admin" && args.Contains("--promote"))
            return new CliCommand(args[0], args[1..].Where(a => a != "--promote").ToArray()) { Promote = true };
        if (args[0] == "staff" && args.Length > 1 && !args[1].StartsWith('-'))
            return new CliCommand(args[0], args[2..]) { Subverb = args[1] };
        return new CliCommand(args[0], args[1..]);
    }

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

            case "staff":
                if (migrateOnStartup)
                    await app.Services.MigrateAsync();
                return await StaffCommands.RunAsync(app, Subverb);

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
            Console.Error.WriteLine("Usage: create-admin --email you@example.org [--promote]   (the password is read from standard input)");
            return 2;
        }
        var password = ReadPassword($"Password for {email} (at least 12 characters): ");
        await using var scope = app.Services.CreateAsyncScope();
        return StaffCommands.Report(await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateOrResetAdminAsync(email.Trim(), password, Promote));
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
