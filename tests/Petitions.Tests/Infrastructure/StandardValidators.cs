using System.Diagnostics;
using System.Text.Json;

namespace Petitions.Tests.Infrastructure;

// The third-party validators the tests run over what the app serves and sends: html-validate over
// pages and emails, Redocly over the OpenAPI document. Their versions are pinned in
// tests/validators/package-lock.json and installed by .ci/run with npm ci; each runs as one node
// process over a whole batch of files, since starting node costs about a second.
public static class StandardValidators
{
    public static readonly string Folder = FindFolder();

    // Validates every .html file in the two folders, pages by tests/validators/.htmlvalidate.mjs and
    // emails by emails.htmlvalidate.mjs, and returns the exit code and the report (a line a
    // problem, naming the file). Each folder gets a config naming its rules, which html-validate
    // finds beside the files.
    public static async Task<(int ExitCode, string Report)> HtmlValidateAsync(string pages, string emails)
    {
        await UseConfigAsync(pages, ".htmlvalidate.mjs");
        await UseConfigAsync(emails, "emails.htmlvalidate.mjs");
        return await RunAsync("html-validate", ["--formatter", "text", "--ext", "html", pages, emails]);
    }

    private static Task UseConfigAsync(string folder, string config) =>
        File.WriteAllTextAsync(Path.Combine(folder, ".htmlvalidate.json"),
            JsonSerializer.Serialize(new { root = true, extends = new[] { Path.Combine(Folder, config) } }));

    // Lints an OpenAPI document with Redocly's recommended rules: an error fails, a warning is
    // reported.
    public static Task<(int ExitCode, string Report)> RedoclyLintAsync(string document) =>
        RunAsync("redocly", ["lint", "--extends", "recommended", "--format", "codeframe", document]);

    private static async Task<(int ExitCode, string Report)> RunAsync(string tool, string[] arguments)
    {
        var binary = Path.Combine(Folder, "node_modules", ".bin", tool);
        if (!File.Exists(binary))
            Assert.Fail($"{binary} is missing: run `npm ci --prefix tests/validators` (.ci/run does) to install the validators.");
        var start = new ProcessStartInfo(binary, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Folder,
            Environment = { ["NO_COLOR"] = "1", ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true" },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, (await output + await errors).Trim());
    }

    // tests/validators beside this project, found from the test assembly's folder upwards, so it
    // is the clone's own whatever folder the tests run from.
    private static string FindFolder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "validators");
            if (File.Exists(Path.Combine(candidate, "package.json")))
                return candidate;
        }
        throw new InvalidOperationException($"No tests/validators/package.json above {AppContext.BaseDirectory}.");
    }
}
