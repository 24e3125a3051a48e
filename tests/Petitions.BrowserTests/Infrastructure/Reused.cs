using System.Collections.Concurrent;

namespace Petitions.BrowserTests.Infrastructure;

// What the tests of one class make once and share: a browser context per language and who is
// signed in to it, the petition the pages are shown on. Checking every page in every language,
// a fresh window, staff account and petition for each would cost more than the checks.
public sealed class Reused : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<object>>> _made = new();

    // Made on first asking; a making that failed is forgotten, so the next test tries again rather
    // than failing on the first one's error.
    public async Task<T> GetAsync<T>(string key, Func<Task<T>> make) where T : notnull
    {
        var made = _made.GetOrAdd(key, _ => new Lazy<Task<object>>(async () => await make()));
        try
        {
            return (T)await made.Value;
        }
        catch
        {
            _made.TryRemove(new KeyValuePair<string, Lazy<Task<object>>>(key, made));
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var made in _made.Values.Where(m => m.IsValueCreated))
        {
            try
            {
                if (await made.Value is IAsyncDisposable disposable)
                    await disposable.DisposeAsync();
            }
            catch (Exception)
            {
                // A context whose making failed failed its test already.
            }
        }
    }
}
