namespace Petitions.BrowserTests.Infrastructure;

public static class Repository
{
    // The folder that holds Petitions.sln, found from the test's build output.
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Petitions.sln")))
                return folder.FullName;
        }
        throw new InvalidOperationException($"No Petitions.sln above {AppContext.BaseDirectory}.");
    }
}
