using System.Globalization;

namespace Petitions.Core.Languages;

// A language the public site, its emails and its validation messages are written in. The name is
// written in the language itself, so that a reader who cannot read the page they landed on can
// still find their own.
public sealed record SiteLanguage(string Tag, string NativeName, bool RightToLeft, string DatePattern)
{
    private readonly CultureInfo _dates = DateCultureFor(Tag);

    public CultureInfo Culture => CultureInfo.GetCultureInfo(Tag);

    // A day written out as a reader of this language expects it: "5 December 2026", "2026년 12월 5일".
    public string Date(DateTimeOffset at) => at.UtcDateTime.ToString(DatePattern, _dates);
    public string Date(DateOnly day) => day.ToString(DatePattern, _dates);
    public string DateAndTime(DateTimeOffset at) => at.UtcDateTime.ToString(DatePattern + ", HH:mm", _dates);
    public CultureInfo DateCulture => _dates;

    // English keeps the British day-month order the site has always used. A culture whose default
    // calendar is not the Gregorian one (Arabic may default to the Hijri calendar) is given the
    // Gregorian calendar: a petition's deadline is one date for everyone who reads it.
    private static CultureInfo DateCultureFor(string tag)
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo(tag == "en" ? "en-GB" : tag).Clone();
        if (culture.DateTimeFormat.Calendar is not GregorianCalendar
            && culture.OptionalCalendars.OfType<GregorianCalendar>().FirstOrDefault() is { } gregorian)
            culture.DateTimeFormat.Calendar = gregorian;
        return CultureInfo.ReadOnly(culture);
    }
}

public static class SiteLanguages
{
    // The language of the site's own words when nothing else matches, and of every signature made
    // before languages were recorded.
    public const string Default = "en";

    // Long enough for any tag listed here ("zh-Hant") and for a region or script added later.
    public const int TagMaxLength = 16;

    public static readonly IReadOnlyList<SiteLanguage> All =
    [
        new("en", "English", false, "d MMMM yyyy"),
        new("ko", "한국어", false, "yyyy년 M월 d일"),
        new("zh-Hans", "简体中文", false, "yyyy年M月d日"),
        new("zh-Hant", "繁體中文", false, "yyyy年M月d日"),
        new("ja", "日本語", false, "yyyy年M月d日"),
        new("es", "Español", false, "d 'de' MMMM 'de' yyyy"),
        new("fr", "Français", false, "d MMMM yyyy"),
        new("de", "Deutsch", false, "d. MMMM yyyy"),
        new("ar", "العربية", true, "d MMMM yyyy"),
    ];

    public static SiteLanguage? Find(string? tag) =>
        All.FirstOrDefault(l => string.Equals(l.Tag, tag, StringComparison.OrdinalIgnoreCase));

    // The supported language a culture belongs to: "ko-KR" is Korean, "zh-TW" Traditional Chinese.
    // Walks up the culture's parents, which .NET already maps by script (zh-TW and zh-HK to
    // zh-Hant, zh-CN and zh-SG to zh-Hans).
    public static SiteLanguage Of(CultureInfo culture)
    {
        for (var c = culture; !string.IsNullOrEmpty(c.Name); c = c.Parent)
        {
            if (Find(c.Name) is { } found)
                return found;
        }
        return All[0];
    }

    // The language of the current request or email: the UI culture set by request localization,
    // or by Use below.
    public static SiteLanguage Current => Of(CultureInfo.CurrentUICulture);

    // Runs what follows in a signer's language: resource lookups read the current UI culture, and
    // an email composed long after signing (a receipt on confirmation, a copy of their data) must
    // speak the language the signer saw, not that of whoever caused it. Restores the cultures on
    // dispose; keep the scope synchronous, around the composing only.
    public static IDisposable Use(string? tag)
    {
        var language = Find(tag) ?? All[0];
        var scope = new CultureScope(CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = language.Culture;
        CultureInfo.CurrentUICulture = language.Culture;
        return scope;
    }

    private sealed class CultureScope(CultureInfo culture, CultureInfo uiCulture) : IDisposable
    {
        public void Dispose()
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }
}
