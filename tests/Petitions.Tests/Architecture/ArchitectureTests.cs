using System.Reflection;
using System.Text.RegularExpressions;
using NetArchTest.Rules;
using Petitions.Core.Data;
using Petitions.Local;

namespace Petitions.Tests.Architecture;

// The rules docs/architecture.md states, checked on the compiled assemblies. NetArchTest reads the
// IL, so a using nobody needs does not count as an arrow; a type named in a signature, a body or an
// attribute does.
public sealed partial class ArchitectureTests
{
    private static readonly Assembly Core = typeof(PetitionsDbContext).Assembly;
    private static readonly Assembly Local = typeof(LocalRegistration).Assembly;

    // Which Core features each feature may use: the table in docs/architecture.md, which
    // Doc_and_test_list_the_same_arrows keeps in step. Every feature may also use the types at
    // Core's root (FieldError, WakeSignal).
    public static readonly IReadOnlyDictionary<string, string[]> AllowedArrows = new Dictionary<string, string[]>
    {
        ["Text"] = [],
        ["Languages"] = [],
        ["Typesetting"] = [],
        ["Audit"] = ["Data", "Text"],
        ["Email"] = ["Data", "Languages"],
        ["Data"] = ["Abuse", "Audit", "Counting", "Delivery", "Email", "Import", "Languages", "Privacy", "Publishing", "Signing", "Staff", "Updates"],
        ["Publishing"] = ["Audit", "Counting", "Data", "Delivery", "Languages", "Text"],
        ["Signing"] = ["Abuse", "Counting", "Data", "Delivery", "Email", "Languages", "Privacy", "Publishing", "Text"],
        ["Counting"] = ["Data", "Publishing", "Signing"],
        ["Abuse"] = ["Audit", "Data", "Signing", "Text"],
        ["Privacy"] = ["Abuse", "Audit", "Counting", "Data", "Delivery", "Email", "Languages", "Moderation", "Publishing", "Signing", "Updates"],
        ["Delivery"] = ["Audit", "Counting", "Data", "Languages", "Publishing", "Signing", "Text", "Typesetting"],
        ["Updates"] = ["Audit", "Counting", "Data", "Delivery", "Email", "Languages", "Privacy", "Publishing", "Signing", "Text"],
        ["Moderation"] = ["Abuse", "Audit", "Counting", "Data", "Languages", "Publishing", "Signing", "Text"],
        ["Import"] = ["Audit", "Counting", "Data", "Languages", "Publishing", "Signing", "Text"],
        ["Insights"] = ["Counting", "Data", "Publishing", "Signing"],
        ["Staff"] = ["Audit", "Data", "Email", "Languages", "Text"],
        ["Sharing"] = ["Typesetting"],
    };

    [Fact]
    public void Core_knows_nothing_of_the_web_app_the_local_parts_or_HTTP()
    {
        // Identity's user and role types (Microsoft.AspNetCore.Identity) are storage, and fine.
        var result = Types.InAssembly(Core).Should().NotHaveDependencyOnAny(
            "Petitions.Web", "Petitions.Local",
            "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Mvc", "Microsoft.AspNetCore.Builder",
            "Microsoft.AspNetCore.Routing", "Microsoft.AspNetCore.Hosting").GetResult();

        Assert.True(result.IsSuccessful, $"Core types that use the web layer: {Names(result)}");
    }

    [Fact]
    public void Local_parts_know_nothing_of_the_web_app()
    {
        var result = Types.InAssembly(Local).Should().NotHaveDependencyOn("Petitions.Web").GetResult();

        Assert.True(result.IsSuccessful, $"Petitions.Local types that use Petitions.Web: {Names(result)}");
    }

    [Fact]
    public void Each_feature_uses_only_the_features_it_is_allowed_to()
    {
        var forbidden = new List<string>();
        foreach (var (feature, allowed) in AllowedArrows)
        {
            foreach (var other in AllowedArrows.Keys.Where(o => o != feature && !allowed.Contains(o)))
            {
                var result = Types.InAssembly(Core).That().ResideInNamespace(Namespace(feature))
                    .Should().NotHaveDependencyOn(Namespace(other)).GetResult();
                if (!result.IsSuccessful)
                    forbidden.Add($"{feature} → {other} is not an allowed arrow, used by: {Names(result)}");
            }
        }

        Assert.True(forbidden.Count == 0,
            "Add the arrow to docs/architecture.md and AllowedArrows only if the design means it; otherwise move the type.\n"
            + string.Join("\n", forbidden));
    }

    [Fact]
    public void Every_Core_namespace_is_the_root_or_a_listed_feature()
    {
        var strays = Core.GetTypes()
            .Where(t => t.Namespace is { } ns && ns.StartsWith("Petitions.Core", StringComparison.Ordinal))
            .Where(t => t.Namespace != "Petitions.Core" && !AllowedArrows.Keys.Any(f => InFeature(t.Namespace!, f)))
            .Select(t => t.FullName)
            .ToList();

        Assert.True(strays.Count == 0, $"Types outside the listed features: {string.Join(", ", strays)}");
    }

    [Fact]
    public void Every_Core_file_declares_the_namespace_of_its_folder()
    {
        var core = Path.Combine(RepositoryRoot(), "src", "Petitions.Core");
        var wrong = new List<string>();
        foreach (var file in Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(core, file);
            if (relative.StartsWith("bin" + Path.DirectorySeparatorChar) || relative.StartsWith("obj" + Path.DirectorySeparatorChar))
                continue;
            var folder = Path.GetDirectoryName(relative)!;
            var expected = folder.Length == 0 ? "Petitions.Core" : "Petitions.Core." + folder.Replace(Path.DirectorySeparatorChar, '.');
            foreach (Match declared in NamespaceDeclaration().Matches(File.ReadAllText(file)))
            {
                if (declared.Groups[1].Value != expected)
                    wrong.Add($"{relative} declares {declared.Groups[1].Value}, its folder says {expected}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void Doc_and_test_list_the_same_arrows()
    {
        var doc = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "architecture.md"));
        var documented = new Dictionary<string, string[]>();
        foreach (var line in doc.SkipWhile(l => !l.StartsWith("## Arrows between Core's features")).Skip(1).TakeWhile(l => !l.StartsWith("## ")))
        {
            if (ArrowRow().Match(line) is not { Success: true } row)
                continue;
            var uses = row.Groups[2].Value.Trim();
            documented[row.Groups[1].Value] = uses is "" or "—"
                ? []
                : uses.Split(',', StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal).ToArray();
        }

        Assert.Equal(
            AllowedArrows.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key} → {string.Join(", ", a.Value.Order(StringComparer.Ordinal))}"),
            documented.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key} → {string.Join(", ", a.Value)}"));
    }

    private static string Namespace(string feature) => "Petitions.Core." + feature;

    private static bool InFeature(string ns, string feature) =>
        ns == Namespace(feature) || ns.StartsWith(Namespace(feature) + ".", StringComparison.Ordinal);

    private static string Names(NetArchTest.Rules.TestResult result) => string.Join(", ", result.FailingTypeNames ?? []);

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Petitions.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("No Petitions.sln above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    // "| **Signing** | Abuse, Counting, … |": the feature in bold, then what it may use.
    [GeneratedRegex(@"^\|\s*\*\*(\w+)\*\*\s*\|([^|]*)\|")]
    private static partial Regex ArrowRow();
}
