namespace Petitions.Tests.Infrastructure;

// Polls until something is true or a deadline passes: waits as long as a loaded machine needs
// and no longer, where a fixed sleep would be either flaky or slow.
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Still not true after {timeout.TotalSeconds:0} s: {what}");
            await Task.Delay(100);
        }
    }
}
