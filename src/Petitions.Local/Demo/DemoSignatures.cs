using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Petitions.Core.Counting;
using Petitions.Core.Data;
using Petitions.Core.Privacy;
using Petitions.Core.Publishing;

namespace Petitions.Local.Demo;

// Fills a petition with realistic confirmed signatures, for trying the delivery pack and
// measuring it: names in Hangul, Chinese, Japanese, Arabic, Persian, Hebrew, Cyrillic,
// Devanagari, Thai and Latin with diacritics, from the countries that write them. Rows go in
// with PostgreSQL's binary COPY, which takes a million in well under a minute.
public sealed class DemoSignatures(
    PetitionsDbContext db, SignatureCounter counter, DemoPetition demo, IOptions<PrivacyOptions> privacy, TimeProvider clock)
{
    public sealed record Filled(string Slug, int Added, long Count);

    public async Task<Filled> FillAsync(string slug, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var petition = await EnsurePetitionAsync(slug, cancellationToken);
        // The rows go in outside the counter, and a delivered petition's count may not move.
        if (petition is { Status: PetitionStatus.Delivered, DeliveredOn: { } on })
            throw new InvalidOperationException(
                $"{petition.Slug} was delivered on {on:yyyy-MM-dd} with a count of {petition.DeliveredSignatureCount:N0}; its count can no longer change.");
        var now = clock.GetUtcNow();
        var random = new Random(count ^ petition.Id);
        var run = Guid.NewGuid().ToString("N")[..8];
        var span = TimeSpan.FromDays(30);
        var start = now - span;
        // Addresses older than the retention job's window are written as the job would have left
        // them (cut to their /24, marked minimised), so a fresh demo or benchmark petition is not
        // followed by hours of the job catching up on a month it never saw.
        var ipDays = TimeSpan.FromDays(privacy.Value.IpAddressDays);

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using var import = await connection.BeginBinaryImportAsync("""
                COPY signatures (petition_id, petition_version, source, name, email, normalized_email, country, city,
                                 show_name_publicly, wants_updates, withhold_name_from_delivery, status, signed_at,
                                 confirmed_at, ip_address, ip_minimised_at, emails_sent, language)
                FROM STDIN (FORMAT BINARY)
                """, cancellationToken);
            for (var i = 0; i < count; i++)
            {
                var person = People[Pick(random)];
                var name = person.Name(random);
                var paper = random.Next(100) < 4;
                var email = paper && random.Next(2) == 0 ? null : $"demo-{run}-{i}@example.org";
                var signedAt = start + span * ((i + random.NextDouble()) / Math.Max(1, count));
                var place = person.Places[random.Next(person.Places.Length)];
                string? city = random.Next(100) < 80 ? place[3..] : null;

                await import.StartRowAsync(cancellationToken);
                await import.WriteAsync(petition.Id, NpgsqlDbType.Integer, cancellationToken);
                await import.WriteAsync(Math.Max(1, petition.CurrentVersion), NpgsqlDbType.Integer, cancellationToken);
                await import.WriteAsync(paper ? "Paper" : "Online", NpgsqlDbType.Varchar, cancellationToken);
                await import.WriteAsync(name, NpgsqlDbType.Varchar, cancellationToken);
                await WriteNullableAsync(import, email, cancellationToken);
                await WriteNullableAsync(import, email, cancellationToken);
                await import.WriteAsync(place[..2], NpgsqlDbType.Char, cancellationToken);
                await WriteNullableAsync(import, city, cancellationToken);
                await import.WriteAsync(random.Next(100) < 30, NpgsqlDbType.Boolean, cancellationToken);
                await import.WriteAsync(random.Next(100) < 40, NpgsqlDbType.Boolean, cancellationToken);
                await import.WriteAsync(random.Next(100) < 3, NpgsqlDbType.Boolean, cancellationToken);
                await import.WriteAsync("Confirmed", NpgsqlDbType.Varchar, cancellationToken);
                await import.WriteAsync(signedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await import.WriteAsync(signedAt.AddMinutes(random.Next(1, 600)), NpgsqlDbType.TimestampTz, cancellationToken);
                var minimisedAt = signedAt + ipDays;
                var minimised = minimisedAt <= now;
                if (paper)
                    await import.WriteNullAsync(cancellationToken);
                else
                    await import.WriteAsync(new IPAddress([203, 0, 113, minimised ? (byte)0 : (byte)random.Next(1, 255)]), NpgsqlDbType.Inet,
                        cancellationToken);
                if (paper || !minimised)
                    await import.WriteNullAsync(cancellationToken);
                else
                    await import.WriteAsync(minimisedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await import.WriteAsync(paper ? 0 : 1, NpgsqlDbType.Integer, cancellationToken);
                // A paper signer read no page in any language (as Signature.Language says).
                await WriteNullableAsync(import, paper ? null : person.Languages[random.Next(person.Languages.Length)], cancellationToken);
            }
            await import.CompleteAsync(cancellationToken);
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

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter import, string? value, CancellationToken cancellationToken)
    {
        if (value is null)
            await import.WriteNullAsync(cancellationToken);
        else
            await import.WriteAsync(value, NpgsqlDbType.Varchar, cancellationToken);
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
