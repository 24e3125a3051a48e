using System.Collections.Concurrent;

namespace Petitions.Core.Counting;

// A value per key, kept for a lifetime and loaded at most once per key and lifetime: when an entry
// is missing or stale, the first caller starts the load and every caller that arrives meanwhile
// awaits that same task, so a crowd on a cold key costs the database one read (no stampede). The
// load is not cancelled with the caller that started it, since others may be waiting on it. A
// failed load is not kept: the next caller tries again. The same scheme as PetitionSnapshots.
internal sealed class LoadOncePerKey<TKey, TValue>(TimeProvider clock, Func<TimeSpan> lifetime, Func<TKey, Task<TValue>> load)
    where TKey : notnull
{
    // Keys are ids of petitions that exist, so the dictionary stays small; it is swept of stale
    // entries anyway if it grows past this.
    private const int SweepAbove = 1024;

    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();

    public async Task<TValue> GetAsync(TKey key, CancellationToken cancellationToken)
    {
        while (true)
        {
            var now = clock.GetTimestamp();
            if (_entries.TryGetValue(key, out var current) && !current.IsStale(now))
                return await current.Load.WaitAsync(cancellationToken);

            var fresh = new Entry(() => load(key), now + (long)(lifetime().TotalSeconds * clock.TimestampFrequency));
            var won = current is null ? _entries.TryAdd(key, fresh) : _entries.TryUpdate(key, fresh, current);
            if (!won)
                continue;
            if (_entries.Count > SweepAbove)
            {
                foreach (var (staleKey, entry) in _entries)
                {
                    if (entry.IsStale(now))
                        _entries.TryRemove(new KeyValuePair<TKey, Entry>(staleKey, entry));
                }
            }
            return await fresh.Load.WaitAsync(cancellationToken);
        }
    }

    private sealed class Entry(Func<Task<TValue>> start, long expiresAt)
    {
        // Started when first awaited, which only happens once the entry is in the dictionary: an
        // entry that lost the race to be added never reads the database.
        private readonly Lazy<Task<TValue>> _load = new(start, LazyThreadSafetyMode.ExecutionAndPublication);

        public Task<TValue> Load => _load.Value;

        public bool IsStale(long now) =>
            now >= expiresAt || (_load.IsValueCreated && (_load.Value.IsFaulted || _load.Value.IsCanceled));
    }
}
