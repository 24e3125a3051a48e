using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Petitions.Core.Sharing;

public sealed class SharingOptions
{
    public const string Section = "Sharing";

    // How long a petition's social image is reused before it is drawn again with the latest count.
    // A change of title, of open or closed, or of the count's first two digits draws it again
    // sooner. Zero draws it for every request.
    public TimeSpan SocialImageLifetime { get; set; } = TimeSpan.FromMinutes(1);
}

// When a petition is shared widely, every post of the link makes Facebook, X, WhatsApp and
// others fetch its image, often many at once. Drawing one costs tens of milliseconds of CPU, so
// each petition keeps its last image, and reuses it while what it shows is still close enough:
// the same card, with a count in the same bucket (the same first two digits, so a petition at
// 12,300 does not change its picture for each new signature), for at most the lifetime.
//
// One drawing per key: as in PetitionSnapshots, the first request that finds the image missing or
// stale starts the drawing, and requests arriving meanwhile await the same task instead of
// drawing their own. The drawing is not cancelled with the request that started it. A failed one
// is not kept.
public sealed class SocialImages(TimeProvider clock, IOptions<SharingOptions> options)
{
    // Requests name petitions by any slug, but only slugs of published petitions get this far;
    // the dictionary is swept of stale entries whenever it grows past this anyway.
    private const int SweepAbove = 1024;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async Task<byte[]> GetAsync(string slug, SocialCard card, CancellationToken cancellationToken)
    {
        var key = card with { SignatureCount = Bucket(card.SignatureCount) };
        var lifetime = options.Value.SocialImageLifetime;
        while (true)
        {
            var now = clock.GetTimestamp();
            if (_entries.TryGetValue(slug, out var current) && current.Key == key && !current.IsStale(now))
                return await current.Image.WaitAsync(cancellationToken);

            var fresh = new Entry(key, card, now + (long)(lifetime.TotalSeconds * clock.TimestampFrequency));
            var won = current is null ? _entries.TryAdd(slug, fresh) : _entries.TryUpdate(slug, fresh, current);
            if (!won)
                continue;
            if (_entries.Count > SweepAbove)
                Sweep(now);
            return await fresh.Image.WaitAsync(cancellationToken);
        }
    }

    // The count with all but its first two digits zeroed: 7 stays 7, 12,345 becomes 12,000.
    public static long Bucket(long count)
    {
        if (count < 100)
            return count;
        var unit = 1L;
        while (count / unit >= 100)
            unit *= 10;
        return count / unit * unit;
    }

    private void Sweep(long now)
    {
        foreach (var (slug, entry) in _entries)
        {
            if (entry.IsStale(now))
                _entries.TryRemove(new KeyValuePair<string, Entry>(slug, entry));
        }
    }

    // Off the request's thread: drawing is CPU work, and the requests waiting on it should not
    // hold threads meanwhile.
    private static Task<byte[]> RenderAsync(SocialCard card) => Task.Run(() => SocialImage.RenderPng(card));

    private sealed class Entry
    {
        private readonly long _expiresAt;
        private readonly Lazy<Task<byte[]>> _image;

        // The drawing starts when the entry is first awaited, which only happens once it is in the
        // dictionary: an entry that lost the race to be added draws nothing.
        public Entry(SocialCard key, SocialCard card, long expiresAt)
        {
            Key = key;
            _expiresAt = expiresAt;
            _image = new Lazy<Task<byte[]>>(() => RenderAsync(card), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        public SocialCard Key { get; }

        public Task<byte[]> Image => _image.Value;

        public bool IsStale(long now) =>
            now >= _expiresAt || (_image.IsValueCreated && (_image.Value.IsFaulted || _image.Value.IsCanceled));
    }
}
