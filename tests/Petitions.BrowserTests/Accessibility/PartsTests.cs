using System.Reflection;
using Petitions.BrowserTests.Infrastructure;
using Petitions.BrowserTests.Screenshots;

namespace Petitions.BrowserTests.Accessibility;

// The page checks and the photographs are split into parts, a class a part, to run side by side.
// Together the parts still check every page in every language, each once: a part class left out,
// or Parts raised with no class for the new part, would leave pages unchecked without failing
// anything else.
public sealed class PartsTests
{
    [Theory]
    [InlineData(typeof(PublicPagesInEveryLanguageTests), typeof(PublicPages), nameof(PublicPages.EveryPageInEveryLanguage))]
    [InlineData(typeof(StaffPageAccessibilityTests), typeof(AdminPages), nameof(AdminPages.EveryPageInEveryLanguage))]
    [InlineData(typeof(ScreenshotTests), typeof(ScreenshotTests), nameof(ScreenshotTests.PhotographedLanguages))]
    public void Every_page_in_every_language_is_checked_in_exactly_one_part(Type checks, Type source, string whole)
    {
        var parts = checks.Assembly.GetTypes().Where(t => !t.IsAbstract && t.IsSubclassOf(checks)).ToList();
        var checkedInParts = parts
            .SelectMany(part => part.GetMethods().SelectMany(m => m.GetCustomAttributes<MemberDataAttribute>()))
            .SelectMany(data => Rows((data.MemberType ?? source).GetMethod(data.MemberName)!.Invoke(null, data.Arguments)!))
            .ToList();

        var every = Rows(source.GetMethod(whole)!.Invoke(null, null)!).ToList();
        Assert.NotEmpty(every);
        Assert.Equal(every.Order(), checkedInParts.Order());
        Assert.Equal((int)checks.GetField("Parts")!.GetValue(null)!, parts.Count);
    }

    private static IEnumerable<string> Rows(object data) =>
        ((IEnumerable<ITheoryDataRow>)data).Select(row => string.Join(" in ", row.GetData()));
}
