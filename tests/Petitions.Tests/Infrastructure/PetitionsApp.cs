using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Petitions.Core.Abuse;
using Petitions.Core.Data;
using Petitions.Core.Email;
using Petitions.Core.Staff;
using Petitions.Local.Mail;

namespace Petitions.Tests.Infrastructure;

// The real app on real Kestrel, on its own database copy, sending mail over SMTP to its own
// in-process SMTP server. Tests talk to it over HTTP as a browser would and read its email as
// a supporter would.
public class PetitionsApp : IAsyncLifetime
{
    private readonly List<Instance> _instances = [];

    public MailCatcher Mail { get; } = new();
    public string ConnectionString { get; private set; } = "";
    public Uri BaseAddress => _instances[0].BaseAddress;
    public IServiceProvider Services => _instances[0].Services;

    // The clock every instance of the app tells time by, and the builders date their rows by.
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    public virtual async ValueTask InitializeAsync()
    {
        var postgres = await PostgresServer.InstanceAsync();
        ConnectionString = await postgres.CreateDatabaseAsync();
        await Mail.StartAsync();
        _instances.Add(StartInstance());
        await SetAbuseRulesAsync();
    }

    // Tests of signing, counting and email sign one petition many times from 127.0.0.1 and send
    // each form back the moment it arrives: under the production abuse rules (AbuseRules.Defaults)
    // their signatures would be held for review, and those tests would be testing the rules. So
    // every app's database starts with rules none of them trips; the rules are data, as an
    // operator would set them, and the production defaults stay as they are. Abuse tests set the
    // rule they test, and the rules they leave out stay out of the way.
    public async Task SetAbuseRulesAsync(
        int burstLimit = 1_000_000, TimeSpan? burstWindow = null,
        int sustainedLimit = 1_000_000, TimeSpan? sustainedWindow = null,
        TimeSpan? minimumFillTime = null)
    {
        await WithDbAsync(async db =>
        {
            var rules = await db.AbuseRules.SingleAsync(r => r.Id == AbuseRules.SingletonId);
            rules.Change(burstLimit, burstWindow ?? TimeSpan.FromMinutes(1), sustainedLimit, sustainedWindow ?? TimeSpan.FromHours(24),
                minimumFillTime ?? TimeSpan.Zero);
            await db.SaveChangesAsync();
        });
        // As the admin area does after saving: every instance applies the new rules at once.
        foreach (var instance in _instances)
            instance.Services.GetRequiredService<AbuseControlsCache>().Changed();
    }

    public async Task UseDefaultAbuseRulesAsync()
    {
        var defaults = AbuseRules.Defaults();
        await SetAbuseRulesAsync(defaults.BurstLimit, defaults.BurstWindow, defaults.SustainedLimit, defaults.SustainedWindow, defaults.MinimumFillTime);
    }

    // Another app instance on the same database and SMTP server, as behind a load balancer.
    public Instance StartInstance(Action<IWebHostBuilder>? configure = null)
    {
        var instance = new Instance(ConnectionString, Mail.Port, builder =>
        {
            if (Clock != TimeProvider.System)
                builder.ConfigureTestServices(services => services.AddSingleton(Clock));
            configure?.Invoke(builder);
        });
        instance.UseKestrel(0);
        instance.StartServer();
        return instance;
    }

    public Browser Browser() => new(BaseAddress);

    // A command-line verb run as a deploy script or scheduled task runs it: a separate process,
    // configured only by environment variables, against this app's database and mail server.
    public async Task<(int ExitCode, string Output, string Errors)> RunVerbAsync(string[] arguments, string? input = null,
        string environment = "Testing")
    {
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, .. arguments])
        {
            RedirectStandardInput = input is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ConnectionStrings__Petitions"] = ConnectionString,
                ["Smtp__Host"] = "127.0.0.1",
                ["Smtp__Port"] = Mail.Port.ToString(),
                ["ASPNETCORE_ENVIRONMENT"] = environment,
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.WriteLineAsync(input);
            process.StandardInput.Close();
        }
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return (process.ExitCode, await output, await errors);
    }

    public const string StaffPassword = "correct horse battery staple";

    // A staff account in the given role, made directly through Identity.
    public async Task<string> CreateStaffAsync(string role, string? email = null)
    {
        email ??= $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.org";
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = DateTimeOffset.UtcNow };
        var created = await users.CreateAsync(user, StaffPassword);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        return email;
    }

    // A browser signed in through the login page as a new staff member in the given role.
    public async Task<Browser> StaffBrowserAsync(string role)
    {
        var email = await CreateStaffAsync(role);
        var browser = Browser();
        var page = await browser.SubmitAsync(await browser.GetAsync("/admin/login"),
            new Dictionary<string, string?> { ["Input.Email"] = email, ["Input.Password"] = StaffPassword });
        Assert.Equal(new Uri(BaseAddress, "/admin"), page.Url);
        return browser;
    }

    public Inbox Inbox => new(Mail);

    public async Task<T> WithDbAsync<T>(Func<PetitionsDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<PetitionsDbContext>());
    }

    public async Task WithDbAsync(Func<PetitionsDbContext, Task> action)
    {
        await using var scope = Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<PetitionsDbContext>());
    }

    public async Task<T> WithServiceAsync<TService, T>(Func<TService, Task<T>> action) where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public Task<int> SignatureRowsAsync(string slug) => WithDbAsync(db =>
        db.Signatures.CountAsync(s => db.Petitions.Any(p => p.Id == s.PetitionId && p.Slug == slug)));

    public Task<int> PetitionIdAsync(string slug) => WithDbAsync(db => db.Petitions.Where(p => p.Slug == slug).Select(p => p.Id).SingleAsync());

    public virtual async ValueTask DisposeAsync()
    {
        foreach (var instance in _instances)
            await instance.DisposeAsync();
        await Mail.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    // Finished exports go to a folder of the test run's own, never into the clone's .data/, one
    // folder a database: export jobs are numbered per database, and their folders by number.
    public static readonly string ExportRoot = RemovedAtExit(Path.Combine(Path.GetTempPath(), $"petitions-test-exports-{Environment.ProcessId}"));

    private static string RemovedAtExit(string folder)
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return folder;
    }

    public string ExportDirectory => ExportDirectoryFor(ConnectionString);

    private static string ExportDirectoryFor(string connectionString) =>
        Path.Combine(ExportRoot, new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database!);

    public sealed class Instance(string connectionString, int smtpPort, Action<IWebHostBuilder>? configure) : WebApplicationFactory<Program>
    {
        public Uri BaseAddress => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:Petitions", connectionString);
            builder.UseSetting("Smtp:Host", "127.0.0.1");
            builder.UseSetting("Smtp:Port", smtpPort.ToString());
            builder.UseSetting("Smtp:From", "Petitions <petitions@example.org>");
            builder.UseSetting("Outbox:PollInterval", "00:00:00.500");
            builder.UseSetting("Outbox:FirstRetryDelay", "00:00:00.200");
            builder.UseSetting("Outbox:MaxRetryDelay", "00:00:01");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            // Tests sign and sign in many times a minute from one address; FloodGuardTests set real limits.
            builder.UseSetting("FloodGuard:SignaturesPerMinute", "100000");
            builder.UseSetting("FloodGuard:StaffFormsPerMinute", "100000");
            builder.UseSetting("Delivery:ExportDirectory", ExportDirectoryFor(connectionString));
            builder.UseSetting("Delivery:PollInterval", "00:00:00.500");
            // Retention runs when a test asks for it: on its own schedule it would anonymise or delete
            // the backdated signatures other tests build.
            builder.UseSetting("Privacy:RetentionInterval", "00:00:00");
            configure?.Invoke(builder);
        }
    }
}
