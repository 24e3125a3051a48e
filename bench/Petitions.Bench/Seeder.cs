using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Petitions.Core.Counting;
using Petitions.Core.Data;
using Petitions.Core.Publishing;
using Petitions.Core.Signing;
using Petitions.Core.Staff;
using Petitions.Local.Demo;

namespace Petitions.Bench;

// One petition with COUNT signatures that look like a real viral petition: mostly confirmed,
// ~10% pending, ~5% flagged, ~3% invalidated, a bot wave from one /24 with throwaway addresses,
// some paper signatures, IPv4 and IPv6, common and rare names, countries and email domains.
// Written with binary COPY, with the secondary indexes dropped and rebuilt afterwards from their
// own definitions, so the schema is exactly the migrations'.
public static class Seeder
{
    public static async Task<int> RunAsync(string connectionString, int count, string adminEmail, string adminPassword)
    {
        var clock = Stopwatch.StartNew();
        var options = new DbContextOptionsBuilder<PetitionsDbContext>();
        PetitionsDbContext.Configure(options, connectionString);
        int petitionId;
        await using (var db = new PetitionsDbContext(options.Options))
        {
            await db.Database.MigrateAsync();
            var now = DateTimeOffset.UtcNow;
            var petition = Petition.Draft(DemoPetition.Text,
                new PetitionSettings("bench-petition", "The Minister", "1 Main Street", 1_500_000, now.AddDays(30)), now.AddDays(-61));
            petition.Publish(now.AddDays(-60));
            db.Petitions.Add(petition);
            await db.SaveChangesAsync();
            petitionId = petition.Id;
        }
        await CreateAdminAsync(connectionString, adminEmail, adminPassword);
        Console.Error.WriteLine($"migrated, petition {petitionId} and admin created in {clock.Elapsed.TotalSeconds:F1}s");

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var indexes = new List<(string Name, string Definition)>();
        await using (var command = new NpgsqlCommand("""
            SELECT indexname, indexdef FROM pg_indexes
            WHERE tablename = 'signatures'
              AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE contype = 'p')
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                indexes.Add((reader.GetString(0), reader.GetString(1)));
        }
        foreach (var (name, _) in indexes)
            await ExecuteAsync(connection, $"DROP INDEX \"{name}\"");

        await CopyAsync(connection, petitionId, count);
        Console.Error.WriteLine($"{count:N0} signatures copied at {clock.Elapsed.TotalSeconds:F1}s");

        await ExecuteAsync(connection, "SET maintenance_work_mem = '1GB'");
        foreach (var (name, definition) in indexes)
        {
            await ExecuteAsync(connection, definition);
            Console.Error.WriteLine($"  {name} rebuilt at {clock.Elapsed.TotalSeconds:F1}s");
        }
        await ExecuteAsync(connection, "VACUUM (ANALYZE) signatures");

        await using (var db = new PetitionsDbContext(options.Options))
        {
            // This process has no app cache to keep fresh; a running app's expires within a second.
            var noCache = new PetitionSnapshots(new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(),
                TimeProvider.System, Options.Create(new PublicCacheOptions()));
            var counted = await new SignatureCounter(db, noCache).ReconcileAsync(petitionId, CancellationToken.None);
            Console.Error.WriteLine($"count reconciled to {counted:N0}; done in {clock.Elapsed.TotalSeconds:F1}s");
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

    private static async Task CopyAsync(NpgsqlConnection connection, int petitionId, int count)
    {
        var random = new Random(20261127);
        var start = DateTimeOffset.UtcNow.AddDays(-60);
        var span = TimeSpan.FromDays(59);
        var seen = new HashSet<string>(count);
        var waveStart = (int)(count * 0.70);
        var waveEnd = waveStart + count / 100;

        await using var writer = await connection.BeginBinaryImportAsync("""
            COPY signatures (petition_id, name, email, normalized_email, country, city, comment, show_name_publicly,
                wants_updates, withhold_name_from_delivery, status, signed_at, confirmed_at, ip_address, user_agent, source, petition_version,
                flagged_at, flag_reason, invalidated_at, invalidation_reason, emails_sent)
            FROM STDIN (FORMAT BINARY)
            """);
        for (var i = 0; i < count; i++)
        {
            var inWave = i >= waveStart && i < waveEnd;
            var signedAt = start + span * ((double)i / count) + TimeSpan.FromSeconds(random.Next(0, 30));
            var paper = !inWave && random.NextDouble() < 0.02;

            var (first, last) = i % 10_000 == 7 ? ("Thaddeus", "Quill") : (Pick(random, FirstNames), Pick(random, LastNames));
            var name = $"{first} {last}";
            string? email = null, normalized = null;
            if (!paper || random.NextDouble() < 0.5)
            {
                var domain = inWave ? "mailinator.com" : Domain(random);
                email = $"{Ascii(first)}.{Ascii(last)}{i % 997}@{domain}";
                normalized = EmailAddresses.Normalize(email);
                while (!seen.Add(normalized))
                {
                    email = email.Replace("@", "x@");
                    normalized = EmailAddresses.Normalize(email);
                }
            }
            var country = inWave ? "GB" : Country(random);
            var city = Cities.TryGetValue(country, out var cities) && random.NextDouble() < 0.8 ? Pick(random, cities) : null;

            // Status: ~10% pending, ~3% invalidated, the rest confirmed; ~5% flagged on top, and
            // most of the bot wave.
            var roll = random.NextDouble();
            var status = roll < 0.03 ? SignatureStatus.Invalidated : roll < 0.13 && !paper ? SignatureStatus.Pending : SignatureStatus.Confirmed;
            var confirmedAt = status == SignatureStatus.Confirmed || (status == SignatureStatus.Invalidated && random.NextDouble() < 0.6)
                ? signedAt.AddMinutes(random.Next(1, 600)) : (DateTimeOffset?)null;
            var flagged = !paper && (inWave ? random.NextDouble() < 0.8 : random.NextDouble() < 0.045);

            writer.StartRow();
            writer.Write(petitionId, NpgsqlDbType.Integer);
            writer.Write(name, NpgsqlDbType.Varchar);
            WriteNullable(writer, email, NpgsqlDbType.Varchar);
            WriteNullable(writer, normalized, NpgsqlDbType.Varchar);
            writer.Write(country, NpgsqlDbType.Char);
            WriteNullable(writer, city, NpgsqlDbType.Varchar);
            WriteNullable(writer, random.NextDouble() < 0.05 ? "This matters to my family." : null, NpgsqlDbType.Varchar);
            writer.Write(random.NextDouble() < 0.4, NpgsqlDbType.Boolean);
            writer.Write(random.NextDouble() < 0.3, NpgsqlDbType.Boolean);
            writer.Write(false, NpgsqlDbType.Boolean);
            writer.Write(status.ToString(), NpgsqlDbType.Varchar);
            writer.Write(paper ? new DateTimeOffset(signedAt.UtcDateTime.Date, TimeSpan.Zero) : signedAt, NpgsqlDbType.TimestampTz);
            WriteNullable(writer, confirmedAt, NpgsqlDbType.TimestampTz);
            WriteNullable(writer, paper ? null : inWave ? IPAddress.Parse($"203.0.113.{random.Next(1, 255)}") : Address(random), NpgsqlDbType.Inet);
            WriteNullable(writer, paper ? null : Pick(random, UserAgents), NpgsqlDbType.Varchar);
            writer.Write((paper ? SignatureSource.Paper : SignatureSource.Online).ToString(), NpgsqlDbType.Varchar);
            writer.Write(1, NpgsqlDbType.Integer);
            WriteNullable(writer, flagged ? signedAt : null, NpgsqlDbType.TimestampTz);
            WriteNullable(writer, flagged ? (inWave ? "Burst: 5 signatures from one address in a minute" : "Email domain on the block list") : null, NpgsqlDbType.Varchar);
            WriteNullable(writer, status == SignatureStatus.Invalidated ? signedAt.AddDays(1) : null, NpgsqlDbType.TimestampTz);
            WriteNullable(writer, status == SignatureStatus.Invalidated ? "Not a real person" : null, NpgsqlDbType.Varchar);
            writer.Write(paper ? 0 : 1, NpgsqlDbType.Integer);
        }
        await writer.CompleteAsync();
    }

    private static void WriteNullable<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type)
    {
        if (value is null)
            writer.WriteNull();
        else
            writer.Write(value, type);
    }

    private static void WriteNullable(NpgsqlBinaryImporter writer, DateTimeOffset? value, NpgsqlDbType type)
    {
        if (value is { } v)
            writer.Write(v, type);
        else
            writer.WriteNull();
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static string Ascii(string name)
    {
        var ascii = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetter(c))
                ascii.Append(char.ToLowerInvariant(c));
        }
        return ascii.Length == 0 ? "signer" : ascii.ToString();
    }

    private static string Domain(Random random)
    {
        var roll = random.NextDouble();
        foreach (var (domain, share) in Domains)
        {
            if ((roll -= share) < 0)
                return domain;
        }
        // The long tail: employers, universities, small providers.
        return $"org{random.Next(5000)}.example";
    }

    private static string Country(Random random)
    {
        var roll = random.NextDouble();
        foreach (var (code, share) in CountryShares)
        {
            if ((roll -= share) < 0)
                return code;
        }
        return Countries.All[random.Next(Countries.All.Count)].Code;
    }

    private static IPAddress Address(Random random)
    {
        if (random.NextDouble() < 0.10)
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            bytes[0] = 0x2a;
            bytes[1] = 0x02;
            return new IPAddress(bytes);
        }
        return new IPAddress([(byte)random.Next(1, 224), (byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(1, 255)]);
    }

    private static readonly (string Domain, double Share)[] Domains =
    [
        ("gmail.com", 0.30), ("yahoo.com", 0.08), ("hotmail.com", 0.08), ("outlook.com", 0.08), ("icloud.com", 0.05),
        ("web.de", 0.03), ("orange.fr", 0.03), ("gmx.de", 0.03), ("btinternet.com", 0.02), ("free.fr", 0.02),
    ];

    private static readonly (string Code, double Share)[] CountryShares =
    [
        ("GB", 0.35), ("US", 0.10), ("DE", 0.08), ("FR", 0.08), ("ES", 0.05), ("IT", 0.05),
        ("NL", 0.03), ("IE", 0.03), ("CA", 0.03), ("AU", 0.03),
    ];

    private static readonly Dictionary<string, string[]> Cities = new()
    {
        ["GB"] = ["London", "Manchester", "Leeds", "Glasgow", "Bristol", "Cardiff", "Belfast", "Edinburgh", "SW1A 1AA"],
        ["US"] = ["New York", "Chicago", "Seattle", "Austin"],
        ["DE"] = ["Berlin", "München", "Köln", "Hamburg"],
        ["FR"] = ["Paris", "Lyon", "Marseille", "Lille"],
        ["ES"] = ["Madrid", "Barcelona", "Sevilla"],
        ["IT"] = ["Roma", "Milano", "Napoli"],
    };

    private static readonly string[] FirstNames =
    [
        "Olivia", "Amelia", "Isla", "Ava", "Mia", "Sophia", "Grace", "Lily", "Emily", "Chloe", "Noah", "Oliver", "George",
        "Arthur", "Leo", "Harry", "Oscar", "Jack", "Muhammad", "Charlie", "Aisha", "Fatima", "Priya", "Arjun", "Wei",
        "Mei", "Hiroshi", "Yuki", "Min-jun", "Seo-yeon", "José", "María", "Łukasz", "Zofia", "Chiamaka", "Oluwaseun",
        "Siobhán", "Niamh", "Björn", "Ingrid", "François", "Chloé", "Jürgen", "Søren", "Ana", "João", "Dmitri", "Olena",
        "Mohammed", "Layla", "Kwame", "Ama", "Tomás", "Lucía", "Giulia", "Marco", "Emma", "Lukas", "Sara", "David",
    ];

    private static readonly string[] LastNames =
    [
        "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson", "Roberts",
        "Walker", "Wright", "Robinson", "Thompson", "White", "Hughes", "Edwards", "Green", "Hall", "Khan", "Patel",
        "Singh", "Ahmed", "Ali", "Hussain", "Chen", "Wang", "Li", "Zhang", "Kim", "Park", "Nguyen", "Tanaka", "Sato",
        "García", "Martínez", "Rodríguez", "Kowalski", "Nowak", "Okonkwo", "Adeyemi", "Mensah", "O'Brien", "Murphy",
        "Müller", "Schmidt", "Dubois", "Lefèvre", "Rossi", "Bianchi", "Silva", "Santos", "Ivanova", "Shevchenko",
        "Andersson", "Nielsen", "Jansen", "de Vries", "Cohen",
    ];

    private static readonly string[] UserAgents =
    [
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15",
        "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
    ];
}
