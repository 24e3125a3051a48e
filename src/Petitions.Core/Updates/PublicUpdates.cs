using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Petitions.Core.Counting;
using Petitions.Core.Data;
using Petitions.Core.Languages;
using Petitions.Core.Publishing;

namespace Petitions.Core.Updates;

// One text of a public update, its body already turned into HTML (PetitionMarkdown's safe subset).
public sealed record PublicUpdateText(string Language, string Title, string BodyHtml);

public sealed record PublicUpdate(long Id, DateTimeOffset PublishedAt, PublicUpdateText Main, IReadOnlyDictionary<string, PublicUpdateText> Translations)
{
    // The reader's language when staff translated the update, the main text otherwise; Language
    // says which was shown, for the page's lang and dir.
    public PublicUpdateText In(string? language) =>
        language is not null && Translations.TryGetValue(language, out var text) ? text : Main;
}

// What anyone may read of a petition's updates: those published and not cancelled
// (PetitionUpdate.IsPublic), newest first. The petition page is the hottest page of the site, so
// the list is kept per petition for PublicCacheOptions.Lifetime and loaded once per petition and
// lifetime however many requests arrive together (LoadOncePerKey), like the count beside it. An
// update published or cancelled on any instance shows within that second; drafts are never read.
public sealed class PublicUpdates
{
    private readonly IServiceScopeFactory _scopes;
    private readonly LoadOncePerKey<int, IReadOnlyList<PublicUpdate>> _updates;

    public PublicUpdates(IServiceScopeFactory scopes, TimeProvider clock, IOptions<PublicCacheOptions> options)
    {
        _scopes = scopes;
        _updates = new(clock, () => options.Value.Lifetime, LoadAsync);
    }

    public Task<IReadOnlyList<PublicUpdate>> ForAsync(int petitionId, CancellationToken cancellationToken) =>
        _updates.GetAsync(petitionId, cancellationToken);

    private async Task<IReadOnlyList<PublicUpdate>> LoadAsync(int petitionId)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PetitionsDbContext>();
        var rows = await db.PetitionUpdates.AsNoTracking()
            .Where(u => u.PetitionId == petitionId && u.PublishedAt != null && u.Status != UpdateStatus.Cancelled)
            .OrderByDescending(u => u.PublishedAt).ThenByDescending(u => u.Id)
            .Include(u => u.Translations)
            .ToListAsync(CancellationToken.None);
        return rows
            .Select(u => new PublicUpdate(u.Id, u.PublishedAt!.Value,
                new PublicUpdateText(SiteLanguages.Default, u.Title, PetitionMarkdown.ToHtml(u.Body)),
                u.Translations.ToDictionary(t => t.Language, t => new PublicUpdateText(t.Language, t.Title, PetitionMarkdown.ToHtml(t.Body)))))
            .ToArray();
    }
}
