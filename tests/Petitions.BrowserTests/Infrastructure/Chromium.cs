using Microsoft.Playwright;
using Petitions.Tests.Infrastructure;

namespace Petitions.BrowserTests.Infrastructure;

// The machine's own Chromium (Debian's package), driven by Playwright, headless. Playwright's own
// browser builds are never downloaded: the build copies only its driver, and this finds the
// browser on the PATH (or at PETITIONS_CHROMIUM). Each test opens a fresh context, so no two tests
// share cookies, storage or history.
public sealed class Chromium : IAsyncLifetime
{
    private static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome-stable", "google-chrome"];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async ValueTask InitializeAsync()
    {
        // Playwright's assertions retry until this passes; its 5 s default is short for a two-core
        // machine running the other test project beside this one.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Executable(),
            Headless = true,
            Args =
            [
                // Chromium's sandbox needs user namespaces, which root and most containers lack; this
                // browser only ever visits the test's own app on the loopback address.
                "--no-sandbox",
                // A container's /dev/shm is often 64 MB, too small for a renderer under load.
                "--disable-dev-shm-usage",
                // Screenshots come out the same from run to run and machine to machine of one kind.
                "--force-color-profile=srgb",
                "--font-render-hinting=none",
            ],
        });
    }

    // A new private window onto the app: its own cookies, English unless a language is given (the
    // browser's language is what Accept-Language tells the app).
    public async Task<Tab> OpenAsync(PetitionsApp app, string language = "en", Action<BrowserNewContextOptions>? configure = null)
    {
        var options = new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            Locale = language,
            ViewportSize = new() { Width = 1280, Height = 900 },
        };
        configure?.Invoke(options);
        var context = await _browser!.NewContextAsync(options);
        // Long enough for a loaded two-core machine, short enough that a wrong wait fails the test soon.
        context.SetDefaultTimeout(20_000);
        return new Tab(context, await context.NewPageAsync());
    }

    public static string Executable()
    {
        var configured = Environment.GetEnvironmentVariable("PETITIONS_CHROMIUM");
        if (!string.IsNullOrWhiteSpace(configured))
            return configured;
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return Names.SelectMany(name => path.Select(folder => Path.Combine(folder, name))).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "The browser tests need Chromium: 'sudo apt-get install chromium' (.ci/run installs it), or set PETITIONS_CHROMIUM to its path.");
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

public sealed class Tab(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IBrowserContext Context => context;
    public IPage Page => page;

    public ValueTask DisposeAsync() => context.DisposeAsync();
}
