using System.Collections.Concurrent;
using System.Diagnostics;

namespace Petitions.Tests.Infrastructure;

// The real app as an operating-system process of its own, started from the build output the
// way a server runs it, so that a test can kill it outright: no shutdown hooks, no finally blocks.
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentQueue<string> _errors = new();

    private AppProcess(IReadOnlyDictionary<string, string> environment)
    {
        var directory = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(directory, "Petitions.Web.dll"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        // Production refuses to start without its public address; a test that wants to see that
        // sets it to "".
        start.Environment["App__BaseUrl"] = "http://petitions.test";
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            _output.Enqueue(e.Data);
            _errors.Enqueue(e.Data);
        };
    }

    public IReadOnlyList<string> Output => _output.ToArray();

    // Standard error alone (also in Output, interleaved with standard output).
    public IReadOnlyList<string> Errors => _errors.ToArray();

    public bool HasExited => _process.HasExited;

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        // The exit can be seen before the last lines of output are read.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public static AppProcess Start(IReadOnlyDictionary<string, string> environment)
    {
        var app = new AppProcess(environment);
        app._process.Start();
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        return app;
    }

    // As the kernel's OOM killer or a pulled plug would: nothing in the app gets to run.
    public async Task KillAsync()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }
        _process.Dispose();
    }
}
