using System.Runtime.CompilerServices;

namespace Petitions.Tests.Infrastructure;

// Every app instance a test starts watches its settings files for changes, one inotify instance
// or more each, and Linux allows a user 128 in all. With many test classes (each its own app,
// some starting more) running in parallel, and other test runs on the same machine, the suite
// ran out, and whole classes failed to start with "The configured user limit (128) on the number
// of inotify instances has been reached". No test changes a settings file while running, so the
// watchers poll instead, which costs a timer and no inotify instance.
internal static class NoFileWatchers
{
    [ModuleInitializer]
    internal static void PollInstead() => Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
}
