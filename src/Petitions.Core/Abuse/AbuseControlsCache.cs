using Microsoft.Extensions.DependencyInjection;

namespace Petitions.Core.Abuse;

// The abuse rules and the access lists, as every signature reads them. Loading them for each
// signature was two of the sign path's round trips to the database; they change a few times a
// day, from the admin area. So each instance keeps them for at most a second (one load at a
// time: requests that arrive while it loads await the same load), and a change made through this
// instance drops them at once, so the staff member who saved sees it apply to the very next
// signature. A change made through another instance applies here within the second.
public sealed class AbuseControlsCache(IServiceScopeFactory scopes, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private (Task<AbuseControls> Load, long ExpiresAt)? _current;

    public Task<AbuseControls> GetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetTimestamp();
        Task<AbuseControls> load;
        lock (_gate)
        {
            if (_current is not { } current || current.ExpiresAt <= now || current.Load.IsFaulted || current.Load.IsCanceled)
            {
                current = (LoadAsync(), now + (long)(Lifetime.TotalSeconds * clock.TimestampFrequency));
                _current = current;
            }
            load = current.Load;
        }
        return load.WaitAsync(cancellationToken);
    }

    // The rules or a list changed through this instance.
    public void Changed()
    {
        lock (_gate)
            _current = null;
    }

    // In its own scope and not cancelled with the request that started it: others await it too.
    private async Task<AbuseControls> LoadAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AbuseRulesService>().LoadAsync(CancellationToken.None);
    }
}
