using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Petitions.Tests.Updates;

// The public side of updates keeps its words in Pages/Updates/UpdatesText.resx (ResourceTests
// checks that every language has them all); this checks that every word asked for is there.
public sealed partial class UpdatesTextTests
{
    private static readonly string SourceRoot = FindSourceRoot();

    // Every file that asks UpdatesText for a word: as U["Key"] in views, words["Key"] in code.
    private static readonly string[] Users =
    [
        Path.Combine("Petitions.Web", "Pages", "Updates", "Unsubscribe.cshtml"),
        Path.Combine("Petitions.Web", "Pages", "Updates", "Unsubscribe.cshtml.cs"),
        Path.Combine("Petitions.Web", "Pages", "PetitionPage", "_Updates.cshtml"),
        Path.Combine("Petitions.Web", "Pages", "Shared", "_SocialMeta.cshtml"),
        Path.Combine("Petitions.Web", "Pages", "Signatures", "Manage.cshtml"),
        Path.Combine("Petitions.Web", "Updates", "UpdatesFeed.cs"),
    ];

    [Fact]
    public void Every_word_the_updates_pages_and_feed_ask_for_is_in_the_English_resource()
    {
        var keys = XDocument.Load(Path.Combine(SourceRoot, "Petitions.Web", "Pages", "Updates", "UpdatesText.resx")).Root!
            .Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet();
        var used = Users
            .SelectMany(f => Key().Matches(File.ReadAllText(Path.Combine(SourceRoot, f))).Select(m => (File: Path.GetFileName(f), Key: m.Groups["key"].Value)))
            .ToArray();

        Assert.NotEmpty(used);
        Assert.All(used, u => Assert.True(keys.Contains(u.Key), $"{u.File} asks for {u.Key}, which UpdatesText.resx lacks."));
    }

    [GeneratedRegex(@"\b(?:U\[|U\.GetString\(|words\[)""(?<key>[A-Za-z]+\.[A-Za-z0-9.]+)""")]
    private static partial Regex Key();

    private static string FindSourceRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Petitions.sln")))
                return Path.Combine(dir.FullName, "src");
        }
        throw new InvalidOperationException("Petitions.sln not found above the test binaries.");
    }
}
