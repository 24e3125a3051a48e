using System.Net;
using System.Text;
using Petitions.Core.Languages;
using Petitions.Core.Signing;
using Petitions.Core.Text;

namespace Petitions.Local.Demo;

// The signatures of a petition that went viral, as the moderation pages see them: common and rare
// names, big and tiny email domains, many countries, IPv4 and IPv6, a bot wave from one /24 with
// throwaway addresses late in the campaign, and one rare signer (Thaddeus Quill) every 10,000, so
// each filter has both a crowd and a needle to find. The same seed gives the same rows, so runs
// of bench/moderation-list.sh compare. Addresses are kept whole, as within the retention window:
// the address filters are what is measured.
internal static class ViralCrowd
{
    public static IEnumerable<SignatureRow> Rows(int count, SignatureMix mix, DateTimeOffset now)
    {
        var random = new Random(20261127);
        var start = now.AddDays(-60);
        var span = TimeSpan.FromDays(59);
        var seen = new HashSet<string>(count);
        var waveStart = (int)(count * 0.70);
        var waveEnd = waveStart + (int)Math.Round(count * mix.BotWave);

        for (var i = 0; i < count; i++)
        {
            var inWave = i >= waveStart && i < waveEnd;
            var signedAt = start + span * ((double)i / count) + TimeSpan.FromSeconds(random.Next(0, 30));
            var paper = !inWave && random.NextDouble() < mix.Paper;

            var (first, last) = i % 10_000 == 7 ? ("Thaddeus", "Quill") : (Pick(random, FirstNames), Pick(random, LastNames));
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

            // Paper signatures are confirmed or invalidated, never pending: staff typed them in.
            var roll = random.NextDouble();
            var status = roll < mix.Invalidated ? SignatureStatus.Invalidated
                : roll < mix.Invalidated + mix.Pending && !paper ? SignatureStatus.Pending
                : SignatureStatus.Confirmed;
            var confirmedAt = status == SignatureStatus.Confirmed || (status == SignatureStatus.Invalidated && random.NextDouble() < 0.6)
                ? signedAt.AddMinutes(random.Next(1, 600)) : (DateTimeOffset?)null;
            // The abuse rules catch most of a bot wave.
            var flagged = !paper && (inWave ? random.NextDouble() < 0.8 : random.NextDouble() < mix.Flagged);
            var comment = random.NextDouble() < 0.05 ? "This matters to my family." : null;
            var showName = random.NextDouble() < 0.4;
            var wantsUpdates = random.NextDouble() < 0.3;
            var ip = paper ? null : inWave ? IPAddress.Parse($"203.0.113.{random.Next(1, 255)}") : Address(random);
            var userAgent = paper ? null : Pick(random, UserAgents);

            yield return new SignatureRow
            {
                Source = paper ? SignatureSource.Paper : SignatureSource.Online,
                Name = $"{first} {last}",
                Email = email,
                NormalizedEmail = normalized,
                Country = country,
                City = city,
                Comment = comment,
                ShowNamePublicly = showName,
                WantsUpdates = wantsUpdates,
                Status = status,
                // Paper forms carry a date, not a time.
                SignedAt = paper ? new DateTimeOffset(signedAt.UtcDateTime.Date, TimeSpan.Zero) : signedAt,
                ConfirmedAt = confirmedAt,
                IpAddress = ip,
                UserAgent = userAgent,
                FlaggedAt = flagged ? signedAt : null,
                FlagReason = flagged ? (inWave ? "Burst: 5 signatures from one address in a minute" : "Email domain on the block list") : null,
                InvalidatedAt = status == SignatureStatus.Invalidated ? signedAt.AddDays(1) : null,
                InvalidationReason = status == SignatureStatus.Invalidated ? "Not a real person" : null,
                EmailsSent = paper ? 0 : 1,
                // A paper signer read no page in any language (as Signature.Language says).
                Language = paper ? null : SiteLanguages.Default,
            };
        }
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
