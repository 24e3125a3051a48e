using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Petitions.Core.Counting;
using Petitions.Core.Data;
using Petitions.Core.Privacy;
using Petitions.Core.Publishing;
using Petitions.Core.Signing;

namespace Petitions.Local.Demo;

// Fills a petition with realistic signatures, for trying the delivery pack and the moderation
// pages and measuring them. The demo's are all confirmed: names in Hangul, Chinese, Japanese,
// Arabic, Persian, Hebrew, Cyrillic, Devanagari, Thai and Latin with diacritics, from the
// countries that write them. Any other SignatureMix gives the crowd a moderator sees (ViralCrowd).
// Rows go in with PostgreSQL's binary COPY, which takes a million in well under a minute; this is
// the one place that writes signatures in bulk.
public sealed class DemoSignatures(
    PetitionsDbContext db, SignatureCounter counter, DemoPetition demo, IOptions<PrivacyOptions> privacy, TimeProvider clock)
{
    public sealed record Filled(string Slug, int Added, long Count);

    public Task<Filled> FillAsync(string slug, int count, CancellationToken cancellationToken) =>
        FillAsync(slug, count, SignatureMix.AllConfirmed, dropIndexes: false, cancellationToken);

    // dropIndexes: for a seed of millions into a database nobody else uses, the secondary indexes
    // are dropped before the COPY and rebuilt from their own definitions after it, which is several
    // times faster than updating them row by row and leaves the schema exactly the migrations'.
    public async Task<Filled> FillAsync(string slug, int count, SignatureMix mix, bool dropIndexes, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var petition = await EnsurePetitionAsync(slug, cancellationToken);
        // The rows go in outside the counter, and a delivered petition's count may not move.
        if (petition is { Status: PetitionStatus.Delivered, DeliveredOn: { } on })
            throw new InvalidOperationException(
                $"{petition.Slug} was delivered on {on:yyyy-MM-dd} with a count of {petition.DeliveredSignatureCount:N0}; its count can no longer change.");
        var now = clock.GetUtcNow();
        var version = Math.Max(1, petition.CurrentVersion);
        var rows = mix.IsAllConfirmed ? DemoRows(petition.Id, count, mix, now) : ViralCrowd.Rows(count, mix, now);

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var dropped = dropIndexes ? await DropIndexesAsync(connection, cancellationToken) : [];
            await CopyAsync(connection, petition.Id, version, rows, cancellationToken);
            if (dropped.Count > 0)
            {
                await ExecuteAsync(connection, "SET maintenance_work_mem = '1GB'", cancellationToken);
                foreach (var (_, definition) in dropped)
                    await ExecuteAsync(connection, definition, cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        // Fresh statistics, so the planner knows the petition now has many rows, and the rows
        // marked visible now rather than by autovacuum in the middle of whatever runs next.
        await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE) signatures", cancellationToken);
        var total = await counter.ReconcileAsync(petition.Id, cancellationToken);
        return new Filled(petition.Slug, count, total.Count);
    }

    private IEnumerable<SignatureRow> DemoRows(int petitionId, int count, SignatureMix mix, DateTimeOffset now)
    {
        var random = new Random(count ^ petitionId);
        var run = Guid.NewGuid().ToString("N")[..8];
        var span = TimeSpan.FromDays(30);
        var start = now - span;
        // Addresses older than the retention job's window are written as the job would have left
        // them (cut to their /24, marked minimised), so a fresh demo or benchmark petition is not
        // followed by hours of the job catching up on a month it never saw.
        var ipDays = TimeSpan.FromDays(privacy.Value.IpAddressDays);
        for (var i = 0; i < count; i++)
        {
            var person = People[Pick(random)];
            var name = person.Name(random);
            var paper = random.Next(100) < mix.Paper * 100;
            var email = paper && random.Next(2) == 0 ? null : $"demo-{run}-{i}@example.org";
            var signedAt = start + span * ((i + random.NextDouble()) / Math.Max(1, count));
            var place = person.Places[random.Next(person.Places.Length)];
            string? city = random.Next(100) < 80 ? place[3..] : null;
            var showName = random.Next(100) < 30;
            var wantsUpdates = random.Next(100) < 40;
            var withhold = random.Next(100) < 3;
            var confirmedAt = signedAt.AddMinutes(random.Next(1, 600));
            var minimisedAt = signedAt + ipDays;
            var minimised = minimisedAt <= now;
            var ip = paper ? null : new IPAddress([203, 0, 113, minimised ? (byte)0 : (byte)random.Next(1, 255)]);
            yield return new SignatureRow
            {
                Source = paper ? SignatureSource.Paper : SignatureSource.Online,
                Name = name,
                Email = email,
                NormalizedEmail = email,
                Country = place[..2],
                City = city,
                ShowNamePublicly = showName,
                WantsUpdates = wantsUpdates,
                WithholdNameFromDelivery = withhold,
                Status = SignatureStatus.Confirmed,
                SignedAt = signedAt,
                ConfirmedAt = confirmedAt,
                IpAddress = ip,
                IpMinimisedAt = paper || !minimised ? null : minimisedAt,
                EmailsSent = paper ? 0 : 1,
                // A paper signer read no page in any language (as Signature.Language says).
                Language = paper ? null : person.Languages[random.Next(person.Languages.Length)],
            };
        }
    }

    // Every column a signature row has that the app writes on signing, confirming, flagging,
    // invalidating and minimising, so a seeded row is one the app could have written.
    private static async Task CopyAsync(
        NpgsqlConnection connection, int petitionId, int version, IEnumerable<SignatureRow> rows, CancellationToken cancellationToken)
    {
        await using var import = await connection.BeginBinaryImportAsync("""
            COPY signatures (petition_id, petition_version, source, name, email, normalized_email, country, city, comment,
                             show_name_publicly, wants_updates, withhold_name_from_delivery, status, signed_at,
                             confirmed_at, ip_address, ip_minimised_at, user_agent, flagged_at, flag_reason,
                             invalidated_at, invalidation_reason, emails_sent, language)
            FROM STDIN (FORMAT BINARY)
            """, cancellationToken);
        foreach (var row in rows)
        {
            await import.StartRowAsync(cancellationToken);
            await import.WriteAsync(petitionId, NpgsqlDbType.Integer, cancellationToken);
            await import.WriteAsync(version, NpgsqlDbType.Integer, cancellationToken);
            await import.WriteAsync(row.Source.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            await import.WriteAsync(row.Name, NpgsqlDbType.Varchar, cancellationToken);
            await WriteNullableAsync(import, row.Email, NpgsqlDbType.Varchar, cancellationToken);
            await WriteNullableAsync(import, row.NormalizedEmail, NpgsqlDbType.Varchar, cancellationToken);
            await import.WriteAsync(row.Country, NpgsqlDbType.Char, cancellationToken);
            await WriteNullableAsync(import, row.City, NpgsqlDbType.Varchar, cancellationToken);
            await WriteNullableAsync(import, row.Comment, NpgsqlDbType.Varchar, cancellationToken);
            await import.WriteAsync(row.ShowNamePublicly, NpgsqlDbType.Boolean, cancellationToken);
            await import.WriteAsync(row.WantsUpdates, NpgsqlDbType.Boolean, cancellationToken);
            await import.WriteAsync(row.WithholdNameFromDelivery, NpgsqlDbType.Boolean, cancellationToken);
            await import.WriteAsync(row.Status.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            await import.WriteAsync(row.SignedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await WriteNullableAsync(import, row.ConfirmedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await WriteNullableAsync(import, row.IpAddress, NpgsqlDbType.Inet, cancellationToken);
            await WriteNullableAsync(import, row.IpMinimisedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await WriteNullableAsync(import, row.UserAgent, NpgsqlDbType.Varchar, cancellationToken);
            await WriteNullableAsync(import, row.FlaggedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await WriteNullableAsync(import, row.FlagReason, NpgsqlDbType.Varchar, cancellationToken);
            await WriteNullableAsync(import, row.InvalidatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await WriteNullableAsync(import, row.InvalidationReason, NpgsqlDbType.Varchar, cancellationToken);
            await import.WriteAsync(row.EmailsSent, NpgsqlDbType.Integer, cancellationToken);
            await WriteNullableAsync(import, row.Language, NpgsqlDbType.Varchar, cancellationToken);
        }
        await import.CompleteAsync(cancellationToken);
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter import, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : class
    {
        if (value is null)
            await import.WriteNullAsync(cancellationToken);
        else
            await import.WriteAsync(value, type, cancellationToken);
    }

    private static async Task WriteNullableAsync(
        NpgsqlBinaryImporter import, DateTimeOffset? value, NpgsqlDbType type, CancellationToken cancellationToken)
    {
        if (value is { } v)
            await import.WriteAsync(v, type, cancellationToken);
        else
            await import.WriteNullAsync(cancellationToken);
    }

    private static async Task<List<(string Name, string Definition)>> DropIndexesAsync(
        NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var indexes = new List<(string Name, string Definition)>();
        await using (var command = new NpgsqlCommand("""
            SELECT indexname, indexdef FROM pg_indexes
            WHERE tablename = 'signatures'
              AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE contype = 'p')
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                indexes.Add((reader.GetString(0), reader.GetString(1)));
        }
        foreach (var (name, _) in indexes)
            await ExecuteAsync(connection, $"DROP INDEX \"{name}\"", cancellationToken);
        return indexes;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<Petition> EnsurePetitionAsync(string slug, CancellationToken cancellationToken)
    {
        if (slug == DemoPetition.Slug)
            await demo.EnsureAsync(cancellationToken);
        var petition = await db.Petitions.AsNoTracking().SingleOrDefaultAsync(p => p.Slug == slug, cancellationToken);
        if (petition is not null)
            return petition;
        // Any other address gets a copy of the demo petition, so benchmarks need no setup.
        var now = clock.GetUtcNow();
        petition = Petition.Draft(DemoPetition.Text,
            new PetitionSettings(slug, "Embassy of the People's Republic of China", "49 Portland Place\nLondon W1B 1JL\nUnited Kingdom",
                DemoPetition.Target, now.AddMonths(6)), now);
        petition.Publish(now);
        db.Petitions.Add(petition);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return petition;
    }

    private static int Pick(Random random)
    {
        var roll = random.Next(TotalWeight);
        for (var i = 0; i < People.Length; i++)
        {
            roll -= People[i].Weight;
            if (roll < 0)
                return i;
        }
        return 0;
    }

    // Places are "country code, space, city": a signer's city is always in their country.
    // Languages are the site languages such signers read the petition in, a tag repeated to weigh
    // it: mostly their own where the site speaks it, English (or a neighbour's) where it does not.
    private sealed record Group(int Weight, string[] Places, string[] Given, string[] Family, string[] Languages,
        bool FamilyFirst = false, string Separator = " ")
    {
        public string Name(Random random)
        {
            var given = Given[random.Next(Given.Length)];
            var family = Family[random.Next(Family.Length)];
            return FamilyFirst ? $"{family}{Separator}{given}" : $"{given}{Separator}{family}";
        }
    }

    private static readonly Group[] People =
    [
        new(18,
            ["GB London", "GB Manchester", "GB Glasgow", "GB Cardiff", "GB Belfast", "GB Leeds", "GB Bristol", "US New York", "US Chicago", "CA Toronto", "AU Sydney", "IE Dublin", "NZ Auckland"],
            ["Oliver", "Amelia", "Jack", "Isla", "Harry", "Ava", "George", "Mia", "Noah", "Grace", "Liam", "Chloe"],
            ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "O'Brien", "Davies", "Evans", "Murphy", "MacDonald"], ["en"]),
        new(8,
            ["KR 서울", "KR 부산", "KR 인천", "KR 대구", "KR 광주", "KR 대전", "KR Seoul"],
            ["민준", "서연", "도윤", "지우", "하준", "서윤", "예준", "하은", "지호", "수아", "철수", "영희"],
            ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임"],
            ["ko", "ko", "ko", "ko", "en"], FamilyFirst: true, Separator: ""),
        new(6,
            ["CN 北京", "CN 上海", "CN 广州", "CN 深圳", "CN 成都", "CN 武汉", "CN 杭州"],
            ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "涛", "明"],
            ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙"],
            ["zh-Hans", "zh-Hans", "zh-Hans", "en"], FamilyFirst: true, Separator: ""),
        new(4,
            ["TW 臺北", "TW 高雄", "TW 臺中", "TW 臺南", "HK 香港", "HK 九龍"],
            ["志明", "淑芬", "家豪", "雅婷", "俊傑", "美玲", "冠宇", "怡君", "宗翰", "詩涵", "麗華", "國強"],
            ["陳", "林", "黃", "張", "李", "王", "吳", "劉", "蔡", "楊", "鄭", "謝"],
            ["zh-Hant", "zh-Hant", "zh-Hant", "en"], FamilyFirst: true, Separator: ""),
        new(5,
            ["JP 東京", "JP 大阪", "JP 横浜", "JP 名古屋", "JP 札幌", "JP 京都", "JP 福岡"],
            ["さくら", "陽翔", "ゆい", "蓮", "結衣", "大翔", "ひなた", "湊", "あおい", "悠真", "花子", "太郎"],
            ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "山田"],
            ["ja", "ja", "ja", "ja", "en"], FamilyFirst: true),
        new(7,
            ["EG القاهرة", "EG الإسكندرية", "SA الرياض", "SA جدة", "JO عمّان", "MA الدار البيضاء", "LB بيروت", "AE دبي", "IQ بغداد", "SY دمشق", "TN تونس", "DZ الجزائر"],
            ["محمد", "أحمد", "فاطمة", "علي", "مريم", "يوسف", "خديجة", "عمر", "ليلى", "حسن", "نور", "سارة"],
            ["عبدالله", "الحسن", "المصري", "الخطيب", "العلي", "حداد", "منصور", "سليمان", "الشامي", "يوسف"], ["ar", "ar", "ar", "ar", "en", "fr"]),
        new(4,
            ["IR تهران", "IR اصفهان", "IR شیراز", "IR مشهد", "IR تبریز", "AF کابل", "AF هرات"],
            ["محمدرضا", "زهرا", "علی", "فاطمه‌زهرا", "حسین", "مریم", "امیر", "نرگس", "رضا", "پریسا", "مهدی", "شیرین"],
            ["احمدی", "حسینی", "محمدی", "رضایی", "کریمی", "موسوی", "جعفری", "کاظمی", "نوری", "صادقی"], ["en", "en", "en", "de"]),
        new(3,
            ["IL תל אביב", "IL ירושלים", "IL חיפה", "IL באר שבע", "IL נתניה"],
            ["דוד", "שרה", "יוסף", "רחל", "משה", "מרים", "אברהם", "לאה", "נועה", "איתי", "יעל", "אורי"],
            ["כהן", "לוי", "מזרחי", "פרץ", "ביטון", "אברהם", "פרידמן", "שפירא", "גולן"], ["en"]),
        new(8,
            ["RU Москва", "RU Санкт-Петербург", "RU Новосибирск", "UA Київ", "UA Харків", "UA Львів", "BG София", "RS Београд", "KZ Алматы", "BY Минск"],
            ["Владимир", "Анна", "Сергей", "Ольга", "Дмитрий", "Наталья", "Алексей", "Екатерина", "Андрій", "Олена", "Іван", "Марія"],
            ["Петренко", "Коваленко", "Шевченко", "Смирнов", "Кузнецов", "Попов", "Соколов", "Лебедев", "Бондаренко", "Новиков", "Иванов", "Петров"], ["en", "en", "de"]),
        new(5,
            ["IN नई दिल्ली", "IN मुंबई", "IN जयपुर", "IN वाराणसी", "IN पुणे", "NP काठमांडू", "NP पोखरा"],
            ["अमित", "प्रिया", "राहुल", "सुनीता", "विकास", "अनीता", "संजय", "पूजा", "राजेश", "नेहा", "अर्जुन", "दीपिका"],
            ["शर्मा", "वर्मा", "गुप्ता", "सिंह", "कुमार", "पटेल", "जोशी", "मिश्रा", "श्रेष्ठ"], ["en"]),
        new(3,
            ["TH กรุงเทพมหานคร", "TH เชียงใหม่", "TH ภูเก็ต", "TH ขอนแก่น", "TH หาดใหญ่"],
            ["สมชาย", "สมศรี", "ประเสริฐ", "มาลี", "วิชัย", "สุดา", "อนันต์", "นภา", "ธนพล", "กนกวรรณ"],
            ["ใจดี", "ศรีสุข", "วงศ์ใหญ่", "แก้วมณี", "บุญมา", "ทองดี", "สุขสวัสดิ์", "รัตนพันธ์"], ["en"]),
        new(4,
            ["PL Kraków", "PL Łódź", "CZ Praha", "CZ Brno", "HU Budapest", "HU Pécs", "RO Timișoara", "SK Bratislava", "SK Košice"],
            ["Zofia", "Łukasz", "Jiří", "Markéta", "Gábor", "Ștefan", "Małgorzata", "Ondřej", "Réka", "Ioana"],
            ["Wójcik", "Krawczyk", "Dvořák", "Novotná", "Szőke", "Popescu", "Żółkiewska", "Šťastný", "Kovács", "Țurcanu"], ["en", "en", "de"]),
        new(3,
            ["TR İstanbul", "TR Ankara", "TR İzmir", "TR Eskişehir", "TR Muğla"],
            ["Çağla", "Şükrü", "Gülşen", "İsmail", "Ömer", "Özge", "Barış", "Ayşe"],
            ["Yıldız", "Öztürk", "Şahin", "Çelik", "Doğan", "Güneş", "Aydın"], ["en", "de"]),
        new(3,
            ["VN Hà Nội", "VN Thành phố Hồ Chí Minh", "VN Đà Nẵng", "VN Huế", "VN Hải Phòng"],
            ["Văn Đức", "Thị Hằng", "Minh Tuấn", "Thị Ngọc Ánh", "Quốc Bảo", "Thị Thu Hương"],
            ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đặng"],
            ["en", "en", "fr"], FamilyFirst: true),
        new(6,
            ["DE München", "DE Köln", "DE Düsseldorf", "CH Zürich", "CH Genève", "FR Besançon", "FR Orléans", "BE Liège", "AT Wien", "LU Luxembourg"],
            ["Jürgen", "Käthe", "Élodie", "François", "Björn", "Anaïs", "Günther", "Hélène", "Zoë", "Loïc"],
            ["Müller", "Schäfer", "Lefèvre", "Dupré", "Weiß", "Bézier", "Größer", "Fontaine", "Jäger", "Noël"], ["de", "de", "de", "fr", "fr", "en"]),
        new(5,
            ["ES Madrid", "ES A Coruña", "MX Ciudad de México", "CO Bogotá", "BR São Paulo", "BR Brasília", "AR Córdoba", "PT Lisboa", "CL Valparaíso"],
            ["José", "María", "João", "Conceição", "Sebastián", "Inés", "Ramón", "Lucía", "Joaquín", "Araújo"],
            ["Núñez", "Peña", "Gonçalves", "Araújo", "Muñoz", "Ibáñez", "Simões", "Gutiérrez", "Magalhães", "Rodríguez"], ["es", "es", "es", "en", "fr"]),
        new(3,
            ["NO Tromsø", "NO Ålesund", "SE Göteborg", "SE Malmö", "DK Århus", "IS Reykjavík", "FI Jyväskylä"],
            ["Åsa", "Søren", "Bjørn", "Þórunn", "Jönsson", "Ægir", "Päivi", "Sigríður"],
            ["Ångström", "Kierkegård", "Ødegård", "Guðmundsdóttir", "Åkesson", "Sæmundsson", "Mäkelä", "Nørgaard"], ["en", "en", "de"]),
    ];

    private static readonly int TotalWeight = People.Sum(p => p.Weight);
}
