using Petitions.Tests.Infrastructure;

namespace Petitions.Tests.PublicData;

// A petition whose public figures are known in advance: four counted signatures (three from
// France, one from Brazil) in two UTC hours, three of them named publicly, and one of each kind
// that must neither count nor be shown.
public static class Seeded
{
    public static readonly DateTimeOffset EarlierHour = HourOf(DateTimeOffset.UtcNow).AddHours(-5);
    public static readonly DateTimeOffset LaterHour = HourOf(DateTimeOffset.UtcNow).AddHours(-2);

    public static Task<string> PetitionAsync(PetitionsApp app) => A.Petition().Open().With(
        A.Signature("Amélie Durand").From("FR").SignedAt(EarlierHour.AddMinutes(10)).ShowingNamePublicly(),
        A.Signature("Jean Quietly").From("FR").SignedAt(EarlierHour.AddMinutes(20)),
        A.Signature("Chloé Bernard").From("FR").SignedAt(LaterHour.AddMinutes(15)).ShowingNamePublicly(),
        A.Signature("Ana Souza").From("BR").SignedAt(LaterHour.AddMinutes(30)).ShowingNamePublicly(),
        A.Signature("Pending Pauline").From("DE").SignedAt(LaterHour.AddMinutes(31)).ShowingNamePublicly().Pending(),
        A.Signature("Flagged Florian").From("FR").SignedAt(LaterHour.AddMinutes(32)).ShowingNamePublicly().Flagged(),
        A.Signature("Invalid Ines").From("BR").SignedAt(LaterHour.AddMinutes(33)).ShowingNamePublicly().Invalidated(),
        A.Signature("Withdrawn Walter").From("FR").SignedAt(LaterHour.AddMinutes(34)).ShowingNamePublicly().Withdrawn()
    ).BuildAsync(app);

    public static readonly string[] NamedAndCounted = ["Ana Souza", "Chloé Bernard", "Amélie Durand"];
    public static readonly string[] NeverShown = ["Jean Quietly", "Pending Pauline", "Flagged Florian", "Invalid Ines", "Withdrawn Walter"];

    public static DateTimeOffset HourOf(DateTimeOffset time) =>
        new(time.UtcDateTime.Date.AddHours(time.UtcDateTime.Hour), TimeSpan.Zero);
}
