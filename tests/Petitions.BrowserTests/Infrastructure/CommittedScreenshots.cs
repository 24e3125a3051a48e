namespace Petitions.BrowserTests.Infrastructure;

// The pictures in docs/screenshots/, held against the ones a run takes. A picture that matches its
// file leaves the file alone, so a green run leaves a clean working tree. One that does not fails
// the test, and the new picture and a diff image go to artifacts/screenshots/ (ignored by git).
// UPDATE_SCREENSHOTS=1 accepts a deliberate change: every picture that differs from its file by
// even one pixel beyond the anti-aliasing tolerance is written over it. A picture with no file yet
// is written and noted, except under CI=true, where it fails: the file was never committed.
public static class CommittedScreenshots
{
    public static string Folder { get; } = Path.Combine(Repository.Root, "docs", "screenshots");
    public static string FailuresFolder { get; } = Path.Combine(Repository.Root, "artifacts", "screenshots");

    private static bool Updating => Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1";
    private static bool OnCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    // Null when the picture is as committed (or was accepted); otherwise why not, naming the files.
    public static string? Check(string name, byte[] png)
    {
        var committed = Path.Combine(Folder, name);
        var taken = Path.Combine(FailuresFolder, name);
        var diff = Path.Combine(FailuresFolder, Path.ChangeExtension(name, ".diff.png"));
        if (Directory.Exists(FailuresFolder))
        {
            File.Delete(taken);
            File.Delete(diff);
        }

        if (!File.Exists(committed))
        {
            if (OnCi)
                return $"{name}: there is no docs/screenshots/{name} to compare with. Run the screenshot tests locally and commit the picture they write.";
            Directory.CreateDirectory(Folder);
            File.WriteAllBytes(committed, png);
            TestContext.Current.AddWarning($"{name}: first picture of this page, written to docs/screenshots/{name}; commit it.");
            return null;
        }

        var expected = File.ReadAllBytes(committed);
        var comparison = ScreenshotComparison.Compare(expected, png);
        if (Updating && comparison.DifferingShare > 0)
        {
            File.WriteAllBytes(committed, png);
            TestContext.Current.AddWarning($"{name}: rewritten (UPDATE_SCREENSHOTS=1): {comparison.Summary}.");
            return null;
        }
        if (comparison.Matches)
            return null;

        Directory.CreateDirectory(FailuresFolder);
        File.WriteAllBytes(taken, png);
        File.WriteAllBytes(diff, ScreenshotComparison.DiffImage(expected, png));
        return $"{name} no longer looks like docs/screenshots/{name}: {comparison.Summary}. " +
            $"This run's picture: {taken}; the differences in red: {diff}. If the change is meant, run again with UPDATE_SCREENSHOTS=1 and commit the pictures.";
    }
}
