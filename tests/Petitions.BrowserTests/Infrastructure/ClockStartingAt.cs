namespace Petitions.BrowserTests.Infrastructure;

// A clock that reads the given moment when made and runs on at the real pace from there: what the
// app shows is dated as at that moment, while timers and delays still pass as they would.
public sealed class ClockStartingAt(DateTimeOffset start) : TimeProvider
{
    private readonly long _started = System.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => start + System.GetElapsedTime(_started);
}
