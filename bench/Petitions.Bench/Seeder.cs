using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Petitions.Core.Counting;
using Petitions.Core.Data;
using Petitions.Core.Privacy;
using Petitions.Core.Publishing;
using Petitions.Core.Staff;
using Petitions.Local.Demo;

namespace Petitions.Bench;

// One petition with COUNT signatures that look like a real viral petition (SignatureMix.Viral),
// written by DemoSignatures with the secondary indexes dropped and rebuilt around the COPY, and an
// admin to sign in as.
public static class Seeder
{
    public static async Task<int> RunAsync(string connectionString, int count, string adminEmail, string adminPassword)
    {
        const string slug = "bench-petition";
        var clock = Stopwatch.StartNew();
        var options = new DbContextOptionsBuilder<PetitionsDbContext>();
        PetitionsDbContext.Configure(options, connectionString);
        int petitionId;
        await using (var db = new PetitionsDbContext(options.Options))
        {
            await db.Database.MigrateAsync();
            var now = DateTimeOffset.UtcNow;
            // Published before the first signature, which the mix dates up to 60 days back.
            var petition = Petition.Draft(DemoPetition.Text,
                new PetitionSettings(slug, "The Minister", "1 Main Street", 1_500_000, now.AddDays(30)), now.AddDays(-61));
            petition.Publish(now.AddDays(-60));
            db.Petitions.Add(petition);
            await db.SaveChangesAsync();
            petitionId = petition.Id;
        }
        await CreateAdminAsync(connectionString, adminEmail, adminPassword);
        Console.Error.WriteLine($"migrated, petition {petitionId} and admin created in {clock.Elapsed.TotalSeconds:F1}s");

        await using (var db = new PetitionsDbContext(options.Options))
        {
            // This process has no app cache to keep fresh; a running app's expires within a second.
            var noCache = new PetitionSnapshots(new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(),
                TimeProvider.System, Options.Create(new PublicCacheOptions()));
            var signatures = new DemoSignatures(db, new SignatureCounter(db, noCache), new DemoPetition(db, TimeProvider.System),
                Options.Create(new PrivacyOptions()), TimeProvider.System);
            var filled = await signatures.FillAsync(slug, count, SignatureMix.Viral, dropIndexes: true, CancellationToken.None);
            Console.Error.WriteLine($"{filled.Added:N0} signatures copied, indexes rebuilt, count reconciled to {filled.Count:N0}; " +
                $"done in {clock.Elapsed.TotalSeconds:F1}s");
        }
        Console.WriteLine(petitionId);
        return 0;
    }

    private static async Task CreateAdminAsync(string connectionString, string email, string password)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<PetitionsDbContext>(o => PetitionsDbContext.Configure(o, connectionString));
        services.AddIdentityCore<StaffUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<PetitionsDbContext>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = DateTimeOffset.UtcNow };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, StaffRoles.Admin);
    }
}
