using System.Net;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Petitions.Core.Counting;
using Petitions.Core.Data;

namespace Petitions.Core.Petitions;

// Fills a petition with realistic confirmed signatures, for trying the delivery pack and
// measuring it: names in Hangul, Chinese, Japanese, Arabic, Persian, Hebrew, Cyrillic,
// Devanagari, Thai and Latin with diacritics, from the countries that write them. Rows go in
// with PostgreSQL's binary COPY, which takes a million in well under a minute.
public sealed class DemoSignatures(PetitionsDbContext db, SignatureCounter counter, DemoPetition demo, TimeProvider clock)
{
    public sealed record Filled(string Slug, int Added, long Count);

    public async Task<Filled> FillAsync(string slug, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var petition = await EnsurePetitionAsync(slug, cancellationToken);
        var now = clock.GetUtcNow();
        var random = new Random(count ^ petition.Id);
        var run = Guid.NewGuid().ToString("N")[..8];
        var span = TimeSpan.FromDays(30);
        var start = now - span;

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            await using var import = await connection.BeginBinaryImportAsync("""
                COPY signatures (petition_id, petition_version, source, name, email, normalized_email, country, city,
                                 show_name_publicly, wants_updates, withhold_name_from_delivery, status, signed_at,
                                 confirmed_at, ip_address, emails_sent)
                FROM STDIN (FORMAT BINARY)
                """, cancellationToken);
            for (var i = 0; i < count; i++)
            {
                var person = People[Pick(random)];
                var name = person.Name(random);
                var paper = random.Next(100) < 4;
                var email = paper && random.Next(2) == 0 ? null : $"demo-{run}-{i}@example.org";
                var signedAt = start + span * ((i + random.NextDouble()) / Math.Max(1, count));
                string? city = random.Next(100) < 80 ? person.Cities[random.Next(person.Cities.Length)] : null;

                await import.StartRowAsync(cancellationToken);
                await import.WriteAsync(petition.Id, NpgsqlDbType.Integer, cancellationToken);
                await import.WriteAsync(Math.Max(1, petition.CurrentVersion), NpgsqlDbType.Integer, cancellationToken);
                await import.WriteAsync(paper ? "Paper" : "Online", NpgsqlDbType.Varchar, cancellationToken);
                await import.WriteAsync(name, NpgsqlDbType.Varchar, cancellationToken);
                await WriteNullableAsync(import, email, cancellationToken);
                await WriteNullableAsync(import, email, cancellationToken);
                await import.WriteAsync(person.Countries[random.Next(person.Countries.Length)], NpgsqlDbType.Char, cancellationToken);
                await WriteNullableAsync(import, city, cancellationToken);
                await import.WriteAsync(random.Next(100) < 30, NpgsqlDbType.Boolean, cancellationToken);
                await import.WriteAsync(random.Next(100) < 40, NpgsqlDbType.Boolean, cancellationToken);
                await import.WriteAsync(random.Next(100) < 3, NpgsqlDbType.Boolean, cancellationToken);
                await import.WriteAsync("Confirmed", NpgsqlDbType.Varchar, cancellationToken);
                await import.WriteAsync(signedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await import.WriteAsync(signedAt.AddMinutes(random.Next(1, 600)), NpgsqlDbType.TimestampTz, cancellationToken);
                if (paper)
                    await import.WriteNullAsync(cancellationToken);
                else
                    await import.WriteAsync(new IPAddress([203, 0, 113, (byte)random.Next(1, 255)]), NpgsqlDbType.Inet, cancellationToken);
                await import.WriteAsync(paper ? 0 : 1, NpgsqlDbType.Integer, cancellationToken);
            }
            await import.CompleteAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        // Fresh statistics, so the planner knows the petition now has many rows.
        await db.Database.ExecuteSqlRawAsync("ANALYZE signatures", cancellationToken);
        var total = await counter.ReconcileAsync(petition.Id, cancellationToken);
        return new Filled(petition.Slug, count, total);
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

    private sealed record Group(int Weight, string[] Countries, string[] Given, string[] Family, string[] Cities, bool FamilyFirst = false, string Separator = " ")
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
        new(18, ["GB", "US", "CA", "AU", "IE", "NZ"], ["Oliver", "Amelia", "Jack", "Isla", "Harry", "Ava", "George", "Mia", "Noah", "Grace", "Liam", "Chloe"],
            ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "O'Brien", "Davies", "Evans", "Murphy", "MacDonald"],
            ["London", "Manchester", "Glasgow", "Cardiff", "Belfast", "New York", "Toronto", "Sydney", "Dublin", "Auckland", "Leeds", "Bristol"]),
        new(8, ["KR"], ["민준", "서연", "도윤", "지우", "하준", "서윤", "예준", "하은", "지호", "수아", "철수", "영희"],
            ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임"], ["서울", "부산", "인천", "대구", "광주", "대전", "Seoul"], FamilyFirst: true, Separator: ""),
        new(6, ["CN"], ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "涛", "明"],
            ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙"], ["北京", "上海", "广州", "深圳", "成都", "武汉", "杭州"], FamilyFirst: true, Separator: ""),
        new(4, ["TW", "HK"], ["志明", "淑芬", "家豪", "雅婷", "俊傑", "美玲", "冠宇", "怡君", "宗翰", "詩涵", "麗華", "國強"],
            ["陳", "林", "黃", "張", "李", "王", "吳", "劉", "蔡", "楊", "鄭", "謝"], ["臺北", "高雄", "臺中", "臺南", "香港", "九龍"], FamilyFirst: true, Separator: ""),
        new(5, ["JP"], ["さくら", "陽翔", "ゆい", "蓮", "結衣", "大翔", "ひなた", "湊", "あおい", "悠真", "花子", "太郎"],
            ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "山田"], ["東京", "大阪", "横浜", "名古屋", "札幌", "京都", "福岡"], FamilyFirst: true),
        new(7, ["EG", "SA", "JO", "MA", "LB", "AE", "IQ", "SY", "TN", "DZ"], ["محمد", "أحمد", "فاطمة", "علي", "مريم", "يوسف", "خديجة", "عمر", "ليلى", "حسن", "نور", "سارة"],
            ["عبدالله", "الحسن", "المصري", "الخطيب", "العلي", "حداد", "منصور", "سليمان", "الشامي", "يوسف"], ["القاهرة", "الرياض", "عمّان", "الدار البيضاء", "بيروت", "دبي", "بغداد", "تونس"]),
        new(4, ["IR", "AF"], ["محمدرضا", "زهرا", "علی", "فاطمه‌زهرا", "حسین", "مریم", "امیر", "نرگس", "رضا", "پریسا", "مهدی", "شیرین"],
            ["احمدی", "حسینی", "محمدی", "رضایی", "کریمی", "موسوی", "جعفری", "کاظمی", "نوری", "صادقی"], ["تهران", "اصفهان", "شیراز", "مشهد", "تبریز", "کابل"]),
        new(3, ["IL"], ["דוד", "שרה", "יוסף", "רחל", "משה", "מרים", "אברהם", "לאה", "נועה", "איתי", "יעל", "אורי"],
            ["כהן", "לוי", "מזרחי", "פרץ", "ביטון", "אברהם", "פרידמן", "שפירא", "גולן"], ["תל אביב", "ירושלים", "חיפה", "באר שבע", "נתניה"]),
        new(8, ["RU", "UA", "BG", "RS", "KZ", "BY"], ["Владимир", "Анна", "Сергей", "Ольга", "Дмитрий", "Наталья", "Алексей", "Екатерина", "Андрій", "Олена", "Іван", "Марія"],
            ["Петренко", "Коваленко", "Шевченко", "Смирнов", "Кузнецов", "Попов", "Соколов", "Лебедев", "Бондаренко", "Новиков", "Иванов", "Петров"],
            ["Москва", "Санкт-Петербург", "Київ", "Харків", "Львів", "Новосибирск", "София", "Београд", "Алматы", "Минск"]),
        new(5, ["IN", "NP"], ["अमित", "प्रिया", "राहुल", "सुनीता", "विकास", "अनीता", "संजय", "पूजा", "राजेश", "नेहा", "अर्जुन", "दीपिका"],
            ["शर्मा", "वर्मा", "गुप्ता", "सिंह", "कुमार", "पटेल", "जोशी", "मिश्रा", "श्रेष्ठ"], ["नई दिल्ली", "मुंबई", "जयपुर", "वाराणसी", "काठमांडू", "पुणे"]),
        new(3, ["TH"], ["สมชาย", "สมศรี", "ประเสริฐ", "มาลี", "วิชัย", "สุดา", "อนันต์", "นภา", "ธนพล", "กนกวรรณ"],
            ["ใจดี", "ศรีสุข", "วงศ์ใหญ่", "แก้วมณี", "บุญมา", "ทองดี", "สุขสวัสดิ์", "รัตนพันธ์"], ["กรุงเทพมหานคร", "เชียงใหม่", "ภูเก็ต", "ขอนแก่น", "หาดใหญ่"]),
        new(4, ["PL", "CZ", "SK", "HU", "RO"], ["Zofia", "Łukasz", "Jiří", "Markéta", "Gábor", "Ștefan", "Małgorzata", "Ondřej", "Réka", "Ioana"],
            ["Wójcik", "Krawczyk", "Dvořák", "Novotná", "Szőke", "Popescu", "Żółkiewska", "Šťastný", "Kovács", "Țurcanu"],
            ["Kraków", "Łódź", "Praha", "Brno", "Budapest", "Pécs", "Timișoara", "Bratislava", "Košice"]),
        new(3, ["TR"], ["Çağla", "Şükrü", "Gülşen", "İsmail", "Ömer", "Özge", "Barış", "Ayşe"], ["Yıldız", "Öztürk", "Şahin", "Çelik", "Doğan", "Güneş", "Aydın"],
            ["İstanbul", "Ankara", "İzmir", "Eskişehir", "Muğla"]),
        new(3, ["VN"], ["Văn Đức", "Thị Hằng", "Minh Tuấn", "Thị Ngọc Ánh", "Quốc Bảo", "Thị Thu Hương"], ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đặng"],
            ["Hà Nội", "Thành phố Hồ Chí Minh", "Đà Nẵng", "Huế", "Hải Phòng"], FamilyFirst: true),
        new(6, ["DE", "AT", "CH", "FR", "BE", "LU"], ["Jürgen", "Käthe", "Élodie", "François", "Björn", "Anaïs", "Günther", "Hélène", "Zoë", "Loïc"],
            ["Müller", "Schäfer", "Lefèvre", "Dupré", "Weiß", "Bézier", "Größer", "Fontaine", "Jäger", "Noël"],
            ["München", "Köln", "Zürich", "Genève", "Besançon", "Orléans", "Düsseldorf", "Liège", "Wien"]),
        new(5, ["ES", "MX", "AR", "CO", "PT", "BR", "CL"], ["José", "María", "João", "Conceição", "Sebastián", "Inés", "Ramón", "Lucía", "Joaquín", "Araújo"],
            ["Núñez", "Peña", "Gonçalves", "Araújo", "Muñoz", "Ibáñez", "Simões", "Gutiérrez", "Magalhães", "Rodríguez"],
            ["Madrid", "A Coruña", "Ciudad de México", "Bogotá", "São Paulo", "Brasília", "Córdoba", "Lisboa", "Valparaíso"]),
        new(3, ["NO", "SE", "DK", "IS", "FI"], ["Åsa", "Søren", "Bjørn", "Þórunn", "Jönsson", "Ægir", "Päivi", "Sigríður"],
            ["Ångström", "Kierkegård", "Ødegård", "Guðmundsdóttir", "Åkesson", "Sæmundsson", "Mäkelä", "Nørgaard"],
            ["Tromsø", "Göteborg", "Århus", "Reykjavík", "Malmö", "Jyväskylä", "Ålesund"]),
    ];

    private static readonly int TotalWeight = People.Sum(p => p.Weight);
}
