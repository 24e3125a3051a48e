using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Petitions.Core.Counting;
using Petitions.Core.Data;
using Petitions.Core.Delivery;

namespace Petitions.Core.Publishing;

public sealed class PublicCacheOptions
{
    public const string Section = "PublicCache";

    // How old a public petition's text and count may be when shown. The count is allowed to lag
    // "a second or two" (see SignatureCounter); a time bound is what keeps every instance honest,
    // since an instance never hears of a confirmation made on another. Zero turns caching off.
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromSeconds(1);

    // How old the tallies by country and by hour may be (see Counting/PetitionStatistics). They
    // read a week's or the whole petition's counted signatures, so they are kept longer than the
    // count; the count beside them stays as fresh as Lifetime. Zero turns their caching off.
    public TimeSpan StatisticsLifetime { get; set; } = TimeSpan.FromSeconds(30);
}

// What the public petition page and the API show of a published petition, as it was at one moment.
// Open/closed is not stored: it depends on the time of the request (see PetitionQueries). The
// body is turned into HTML here, once a load, rather than for each of the page's views.
public sealed record PetitionSnapshot(
    int Id,
    string Slug,
    string Title,
    string RecipientName,
    string RecipientAddress,
    string Summary,
    string Body,
    string BodyHtml,
    IReadOnlyList<string> Demands,
    long SignatureCount,
    int Target,
    DateTimeOffset? ClosesAt,
    PetitionStatus Status,
    FieldMode CityField,
    FieldMode CommentField,
    int CurrentVersion)
{
    // The staff's translations by language tag, loaded with the snapshot, so that showing one
    // costs no query of its own.
    public IReadOnlyDictionary<string, TranslatedText> Translations { get; init; } = new Dictionary<string, TranslatedText>();

    // The petition as a reader of this language sees it: the translation when there is one, the
    // original otherwise.
    public PetitionSnapshot In(string? language) =>
        language is not null && Translations.TryGetValue(language, out var t)
            ? this with { Title = t.Title, Summary = t.Summary, Body = t.Body, BodyHtml = t.BodyHtml, Demands = t.Demands, TextLanguage = language }
            : this;

    // The language of the text shown, when it is a translation; null for the original.
    public string? TextLanguage { get; init; }

    // Null until the petition is delivered.
    public DeliverySnapshot? Delivery { get; init; }
}

// The delivery as the public sees it. Place and By are null for a delivery marked before they were
// recorded. The photo's size only: its bytes are served by a route of their own, never cached here.
public sealed record DeliverySnapshot(
    DateOnly On,
    string? Place,
    string? By,
    long? SignatureCount,
    string? Sha256,
    Delivery.DeliveryPhotoInfo? Photo,
    ResponseSnapshot? Response);

// The recipient's response (Text, its HTML and On), or the date by which none had come.
public sealed record ResponseSnapshot(string? Text, string? TextHtml, DateOnly? On, DateOnly? NoResponseBy);

public sealed record TranslatedText(string Title, string Summary, string Body, string BodyHtml, IReadOnlyList<string> Demands);

// A viral petition's page is read thousands of times a second, and every read would otherwise be
// two queries. This keeps each petition's data (not its rendered page: the page carries a
// per-visitor antiforgery token and form timestamp, so it is rendered for every request) for at
// most PublicCacheOptions.Lifetime.
//
// One load per key: when an entry is missing or stale, the first request starts the load and every
// request that arrives meanwhile awaits that same task, so a cold or just-expired hot petition
// costs the database one read, not one per waiting request (no stampede). The load runs in its own
// scope and is not cancelled with the request that started it, since others are waiting on it. A
// failed load is not kept: the next request tries again.
//
// Changes made through this instance (a confirmation, a moderation decision, an edit) drop the
// petition's entry once they are committed (see ConfirmationService), so whoever made the change
// sees it at once.
// Changes made on another instance, or by hand in the database, show when the entry expires:
// that time bound is what the design relies on, the dropping is a courtesy to the one who acted.
public sealed class PetitionSnapshots(IServiceScopeFactory scopes, TimeProvider clock, IOptions<PublicCacheOptions> options)
{
    // Petitions are looked up by any slug a client sends, including ones that do not exist, so
    // the dictionary is swept of stale entries whenever it grows past this.
    private const int SweepAbove = 1024;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _loads;

    // How many times the database has been read for a snapshot: for tests and diagnostics.
    public long Loads => Interlocked.Read(ref _loads);

    // Raised after an entry was dropped because of a change made through this instance, so that
    // caches of what is built from snapshots (the API's cached responses) can drop theirs too.
    public event Action<int>? Evicted;

    public async Task<PetitionSnapshot?> FindAsync(string? slug, CancellationToken cancellationToken)
    {
        // No petition has such a slug, and PostgreSQL refuses NUL even as a parameter.
        if (string.IsNullOrEmpty(slug) || slug.Length > PetitionRules.SlugMaxLength || slug.Any(char.IsControl))
            return null;
        var lifetime = options.Value.Lifetime;
        while (true)
        {
            var now = clock.GetTimestamp();
            if (_entries.TryGetValue(slug, out var current) && !current.IsStale(now))
                return await current.Load.WaitAsync(cancellationToken);

            var fresh = new Entry(slug, this, now + (long)(lifetime.TotalSeconds * clock.TimestampFrequency));
            var won = current is null ? _entries.TryAdd(slug, fresh) : _entries.TryUpdate(slug, fresh, current);
            if (!won)
                continue;
            if (_entries.Count > SweepAbove)
                Sweep(now);
            return await fresh.Load.WaitAsync(cancellationToken);
        }
    }

    // A change to this petition was committed through this instance.
    public void Changed(int petitionId)
    {
        foreach (var (slug, entry) in _entries)
        {
            // An entry still loading may have read before the change; one that found nothing may
            // be a draft that was just published. Both go, with the petition's own.
            if (!entry.Loaded || entry.Load.Result is null || entry.Load.Result.Id == petitionId)
                _entries.TryRemove(new KeyValuePair<string, Entry>(slug, entry));
        }
        Evicted?.Invoke(petitionId);
    }

    private void Sweep(long now)
    {
        foreach (var (slug, entry) in _entries)
        {
            if (entry.IsStale(now))
                _entries.TryRemove(new KeyValuePair<string, Entry>(slug, entry));
        }
    }

    private async Task<PetitionSnapshot?> LoadAsync(string slug)
    {
        Interlocked.Increment(ref _loads);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PetitionsDbContext>();
        var petition = await BySlug(db, slug, CancellationToken.None);
        if (petition is null)
            return null;
        // Once delivered, the count is the one handed over, whatever later happens to the counter.
        var count = petition is { Status: PetitionStatus.Delivered, DeliveredSignatureCount: { } delivered }
            ? delivered
            : await SignatureCounter.CountOf(db, petition.Id, CancellationToken.None);
        var delivery = petition.Status == PetitionStatus.Delivered && petition.DeliveredOn is { } on
            ? new DeliverySnapshot(on, petition.DeliveryPlace, petition.DeliveredBy, petition.DeliveredSignatureCount, petition.DeliveredSha256,
                await PhotoOf(db, petition.Id, CancellationToken.None), ResponseOf(petition))
            : null;
        return new PetitionSnapshot(
            petition.Id, petition.Slug, petition.Title, petition.RecipientName, petition.RecipientAddress, petition.Summary,
            petition.Body, PetitionMarkdown.ToHtml(petition.Body), petition.Demands, count, petition.Target, petition.ClosesAt, petition.Status,
            petition.CityField, petition.CommentField, petition.CurrentVersion)
        {
            Translations = petition.Translations.ToDictionary(
                t => t.Language,
                t => new TranslatedText(t.Title, t.Summary, t.Body, PetitionMarkdown.ToHtml(t.Body), t.Demands)),
            Delivery = delivery,
        };
    }

    private static ResponseSnapshot? ResponseOf(Petition petition) =>
        petition.ResponseText is { } text
            ? new ResponseSnapshot(text, PetitionMarkdown.ToHtml(text), petition.RespondedOn, null)
            : petition.NoResponseBy is { } by ? new ResponseSnapshot(null, null, null, by) : null;

    private static readonly Func<PetitionsDbContext, int, CancellationToken, Task<Delivery.DeliveryPhotoInfo?>> PhotoOf =
        EF.CompileAsyncQuery((PetitionsDbContext db, int petitionId, CancellationToken _) =>
            db.DeliveryPhotos.Where(p => p.PetitionId == petitionId)
                .Select(p => new Delivery.DeliveryPhotoInfo(p.Width, p.Height, p.UploadedAt)).SingleOrDefault());

    // Compiled once: the page and the API run this for every cache miss.
    private static readonly Func<PetitionsDbContext, string, CancellationToken, Task<Petition?>> BySlug =
        EF.CompileAsyncQuery((PetitionsDbContext db, string slug, CancellationToken _) =>
            db.Petitions.AsNoTracking().Include(p => p.Translations)
                .SingleOrDefault(p => p.Slug == slug && p.Status != PetitionStatus.Draft));

    private sealed class Entry
    {
        private readonly long _expiresAt;
        private readonly Lazy<Task<PetitionSnapshot?>> _load;

        // The load starts when the entry is first awaited, which only happens once it is in the
        // dictionary: an entry that lost the race to be added never reads the database.
        public Entry(string slug, PetitionSnapshots owner, long expiresAt)
        {
            _expiresAt = expiresAt;
            _load = new Lazy<Task<PetitionSnapshot?>>(() => owner.LoadAsync(slug), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        public Task<PetitionSnapshot?> Load => _load.Value;

        public bool Loaded => _load.IsValueCreated && _load.Value.IsCompletedSuccessfully;

        public bool IsStale(long now) =>
            now >= _expiresAt || (_load.IsValueCreated && (_load.Value.IsFaulted || _load.Value.IsCanceled));
    }
}
