using System.Text.RegularExpressions;
using System.Xml.Linq;
using Petitions.Core.Abuse;
using Petitions.Core.Languages;

namespace Petitions.Tests.Languages;

// Every language has every sentence. A key missing from a translation would silently fall back to
// English in the middle of a Korean page; an empty one would show nothing at all.
public sealed partial class ResourceTests
{
    private static readonly string SourceRoot = FindSourceRoot();

    // The English (neutral) files: CoreText.resx, PageText.resx; not CoreText.ko.resx.
    private static IEnumerable<string> NeutralFiles() =>
        Directory.EnumerateFiles(SourceRoot, "*.resx", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")
                && Path.GetFileName(f).Count(c => c == '.') == 1)
            .Select(f => Path.GetRelativePath(SourceRoot, f))
            .Order();

    public static TheoryData<string> NeutralResources => new(NeutralFiles());

    [Fact]
    public void The_site_has_resources_for_its_core_text_and_its_pages()
    {
        Assert.Contains(Path.Combine("Petitions.Core", "Languages", "CoreText.resx"), NeutralFiles());
        Assert.Contains(Path.Combine("Petitions.Web", "Pages", "PageText.resx"), NeutralFiles());
    }

    [Theory]
    [MemberData(nameof(NeutralResources))]
    public void Every_language_has_every_key_of_the_English_resource_and_no_empty_value(string neutral)
    {
        var english = Read(Path.Combine(SourceRoot, neutral));
        Assert.NotEmpty(english);
        Assert.All(english, entry => Assert.False(string.IsNullOrWhiteSpace(entry.Value), $"{neutral}: {entry.Key} is empty."));

        foreach (var language in SiteLanguages.All.Where(l => l.Tag != SiteLanguages.Default))
        {
            var path = Path.Combine(SourceRoot, Path.ChangeExtension(neutral, null) + $".{language.Tag}.resx");
            Assert.True(File.Exists(path), $"{neutral} has no {language.Tag} translation ({path}).");
            var translated = Read(path);
            var missing = english.Keys.Except(translated.Keys).ToArray();
            var extra = translated.Keys.Except(english.Keys).ToArray();
            Assert.True(missing.Length == 0, $"{language.Tag} lacks {string.Join(", ", missing)} in {path}.");
            Assert.True(extra.Length == 0, $"{language.Tag} has keys English does not: {string.Join(", ", extra)} in {path}.");
            foreach (var (key, value) in translated)
            {
                Assert.False(string.IsNullOrWhiteSpace(value), $"{language.Tag}: {key} is empty in {path}.");
                // A translation that drops {1} would silently lose the petition's title or a link.
                Assert.Equal(Placeholders(english[key]), Placeholders(value));
            }
        }
    }

    [Fact]
    public void Every_key_the_pages_ask_for_is_in_the_English_resource()
    {
        var keys = Read(Path.Combine(SourceRoot, "Petitions.Web", "Pages", "PageText.resx")).Keys.ToHashSet();
        var used = Directory.EnumerateFiles(Path.Combine(SourceRoot, "Petitions.Web", "Pages"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .SelectMany(f => PageKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups["key"].Value)))
            .ToArray();

        Assert.NotEmpty(used);
        Assert.All(used, u => Assert.True(keys.Contains(u.Key), $"{u.File} asks for {u.Key}, which PageText.resx lacks."));
    }

    // The staff area keeps its words folder by folder: Areas/Admin/Pages/Moderation/X.resx serves the
    // views and page models in that folder (not below it), which ask for them as T["Key"],
    // T.GetString("Key") or text["Key"].
    public static TheoryData<string> StaffResources => new(NeutralFiles()
        .Where(f => f.StartsWith(Path.Combine("Petitions.Web", "Areas", "Admin"), StringComparison.Ordinal)));

    [Fact]
    public void The_staff_area_keeps_its_words_in_resources_too()
    {
        Assert.Contains(Path.Combine("Petitions.Web", "Areas", "Admin", "Pages", "Shared", "AdminText.resx"), NeutralFiles());
    }

    [Theory]
    [MemberData(nameof(StaffResources))]
    public void Every_key_a_staff_page_asks_for_is_in_its_folders_English_resource(string neutral)
    {
        var keys = Read(Path.Combine(SourceRoot, neutral)).Keys.ToHashSet();
        var folder = Path.GetDirectoryName(Path.Combine(SourceRoot, neutral))!;
        var used = Directory.EnumerateFiles(folder, "*.*", SearchOption.TopDirectoryOnly)
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .SelectMany(f => StaffKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups["key"].Value)))
            .ToArray();

        Assert.NotEmpty(used);
        Assert.All(used, u => Assert.True(keys.Contains(u.Key), $"{u.File} asks for {u.Key}, which {Path.GetFileName(neutral)} lacks."));
    }

    // Core's staff messages: one family per feature, beside the code that writes them
    // (Staff/StaffMessages, Moderation/RulesMessages, ...), whose keys share one prefix
    // ("Staff.Invite.Sent"). Every such key the folder's code asks for is in the English file.
    public static TheoryData<string> CoreFeatureResources => new(NeutralFiles()
        .Where(f => f.StartsWith("Petitions.Core" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            && Path.GetFileName(f) != "CoreText.resx"));

    [Theory]
    [MemberData(nameof(CoreFeatureResources))]
    public void Every_key_a_core_feature_asks_for_is_in_its_English_resource(string neutral)
    {
        var path = Path.Combine(SourceRoot, neutral);
        var keys = Read(path).Keys.ToHashSet();
        var prefix = Assert.Single(keys.Select(k => k[..k.IndexOf('.')]).Distinct());
        var key = new Regex($@"""(?<key>{Regex.Escape(prefix)}\.[A-Z][A-Za-z0-9.]*)""");
        var used = Directory.EnumerateFiles(Path.GetDirectoryName(path)!, "*.cs", SearchOption.TopDirectoryOnly)
            .SelectMany(f => key.Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups["key"].Value)))
            .ToArray();

        Assert.NotEmpty(used);
        Assert.All(used, u => Assert.True(keys.Contains(u.Key), $"{u.File} asks for {u.Key}, which {Path.GetFileName(neutral)} lacks."));
    }

    [Fact]
    public void Every_key_core_asks_for_is_in_the_English_resource()
    {
        var keys = Read(Path.Combine(SourceRoot, "Petitions.Core", "Languages", "CoreText.resx")).Keys.ToHashSet();
        var used = Directory.EnumerateFiles(Path.Combine(SourceRoot, "Petitions.Core"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(f => CoreKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups["key"].Value)))
            .ToArray();

        Assert.NotEmpty(used);
        Assert.All(used, u => Assert.True(keys.Contains(u.Key), $"{u.File} asks for {u.Key}, which CoreText.resx lacks."));
    }

    private static Dictionary<string, string> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    private static string[] Placeholders(string text) =>
        PlaceholderPattern().Matches(text).Select(m => m.Value).Distinct().Order().ToArray();

    private static string FindSourceRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Petitions.sln")))
                return Path.Combine(dir.FullName, "src");
        }
        throw new InvalidOperationException("Petitions.sln not found above the test's folder.");
    }

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();

    // L["Key"], L["Key", ...], L.GetString("Key") and text["Key"] in the pages and their models.
    [GeneratedRegex(@"\b(?:L\[|L\.GetString\(|text\[)""(?<key>[A-Za-z]+\.[A-Za-z0-9.]+)""")]
    private static partial Regex PageKey();

    [GeneratedRegex(@"\b(?:T\[|T\.GetString\(|text\[)""(?<key>[A-Za-z]+\.[A-Za-z0-9.]+)""")]
    private static partial Regex StaffKey();

    // Core's keys are named by what they are for: Sign., Consent., Email. and Copy.
    [GeneratedRegex(@"""(?<key>(?:Sign|Consent|Email|Copy)\.[A-Z][A-Za-z0-9.]*)""")]
    private static partial Regex CoreKey();
}
