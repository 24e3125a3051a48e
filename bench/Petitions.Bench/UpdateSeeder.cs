using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Petitions.Core.Counting;
using Petitions.Core.Data;
using Petitions.Core.Languages;
using Petitions.Core.Publishing;
using Petitions.Core.Signing;
using Petitions.Core.Text;
using Petitions.Core.Updates;
using Petitions.Local.Demo;

namespace Petitions.Bench;

// For bench/updates.sh. `update-seed`: one open petition (SLUG) with COUNT confirmed, counted,
// online signatures that all asked for updates, each with its own email address and one of the
// site's languages (about half English). `update-start`: an update to that petition's
// subscribers, with a translation in every other site language, started as UpdateEditor.SendAsync
// starts it (PetitionUpdate.StartSending with the reach counted by UpdateRecipients), without the
// staff sign-in or the audit entry; the app's UpdateSender then finds it on its next poll.
// Prints the update's id.
public static class UpdateSeeder
{
    public static async Task<int> SeedAsync(string connectionString, string slug, int count)
    {
        var options = Options(connectionString);
        int petitionId;
        await using (var db = new PetitionsDbContext(options))
        {
            await db.Database.MigrateAsync();
            var now = DateTimeOffset.UtcNow;
            var petition = Petition.Draft(DemoPetition.Text,
                new PetitionSettings(slug, "The Minister", "1 Main Street", 1_500_000, now.AddDays(30)), now.AddDays(-61));
            petition.Publish(now.AddDays(-60));
            db.Petitions.Add(petition);
            await db.SaveChangesAsync();
            petitionId = petition.Id;
        }

        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            var others = SiteLanguages.All.Where(l => l.Tag != SiteLanguages.Default).Select(l => l.Tag).ToArray();
            var start = DateTimeOffset.UtcNow.AddDays(-60);
            await using (var writer = await connection.BeginBinaryImportAsync("""
                COPY signatures (petition_id, name, email, normalized_email, country, show_name_publicly, wants_updates,
                    withhold_name_from_delivery, status, signed_at, confirmed_at, ip_address, user_agent, source, petition_version,
                    emails_sent, language)
                FROM STDIN (FORMAT BINARY)
                """))
            {
                for (var i = 0; i < count; i++)
                {
                    var email = $"supporter.{i}@updates-bench.example";
                    var signedAt = start + TimeSpan.FromSeconds(i * 30L % (59 * 86400));
                    writer.StartRow();
                    writer.Write(petitionId, NpgsqlDbType.Integer);
                    writer.Write($"Supporter {i}", NpgsqlDbType.Varchar);
                    writer.Write(email, NpgsqlDbType.Varchar);
                    writer.Write(EmailAddresses.Normalize(email), NpgsqlDbType.Varchar);
                    writer.Write("GB", NpgsqlDbType.Char);
                    writer.Write(i % 3 == 0, NpgsqlDbType.Boolean);
                    writer.Write(true, NpgsqlDbType.Boolean);
                    writer.Write(false, NpgsqlDbType.Boolean);
                    writer.Write(nameof(SignatureStatus.Confirmed), NpgsqlDbType.Varchar);
                    writer.Write(signedAt, NpgsqlDbType.TimestampTz);
                    writer.Write(signedAt.AddMinutes(5), NpgsqlDbType.TimestampTz);
                    writer.Write(new System.Net.IPAddress([198, 18, (byte)(i / 256 % 256), (byte)(i % 256)]), NpgsqlDbType.Inet);
                    writer.Write("bench", NpgsqlDbType.Varchar);
                    writer.Write(nameof(SignatureSource.Online), NpgsqlDbType.Varchar);
                    writer.Write(1, NpgsqlDbType.Integer);
                    writer.Write(2, NpgsqlDbType.Integer);
                    writer.Write(i % 2 == 0 ? SiteLanguages.Default : others[i / 2 % others.Length], NpgsqlDbType.Varchar);
                }
                await writer.CompleteAsync();
            }
            await using var analyze = new NpgsqlCommand("VACUUM (ANALYZE) signatures", connection);
            await analyze.ExecuteNonQueryAsync();
        }

        await using (var db = new PetitionsDbContext(options))
        {
            var noCache = new PetitionSnapshots(new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(),
                TimeProvider.System, Microsoft.Extensions.Options.Options.Create(new PublicCacheOptions()));
            await new SignatureCounter(db, noCache).ReconcileAsync(petitionId, CancellationToken.None);
        }
        Console.WriteLine(petitionId);
        return 0;
    }

    public static async Task<int> StartAsync(string connectionString, string slug, string title)
    {
        await using var db = new PetitionsDbContext(Options(connectionString));
        var petitionId = await db.Petitions.Where(p => p.Slug == slug).Select(p => p.Id).SingleAsync();
        var now = DateTimeOffset.UtcNow;
        var update = PetitionUpdate.Draft(petitionId, title,
            "The Minister has agreed to meet us on **12 January**. Thank you to everyone who signed and shared.\n\n" +
            "We will hand over the petition in person and report back here the same day.",
            UpdateAudience.Subscribers, "bench@updates-bench.example", now);
        foreach (var language in SiteLanguages.All.Where(l => l.Tag != SiteLanguages.Default))
            update.Translate(language.Tag, $"{title} ({language.NativeName})",
                $"{language.NativeName}: the Minister has agreed to meet us on **12 January**. Thank you.", now);
        db.PetitionUpdates.Add(update);
        await db.SaveChangesAsync();

        await using var transaction = await db.Database.BeginTransactionAsync();
        var total = await UpdateRecipients.Of(db.Signatures, petitionId, UpdateAudience.Subscribers).LongCountAsync();
        update.StartSending(total, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        Console.WriteLine(update.Id);
        return 0;
    }

    private static DbContextOptions<PetitionsDbContext> Options(string connectionString)
    {
        var options = new DbContextOptionsBuilder<PetitionsDbContext>();
        PetitionsDbContext.Configure(options, connectionString);
        return options.Options;
    }
}
