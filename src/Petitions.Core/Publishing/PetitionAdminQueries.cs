using Microsoft.EntityFrameworkCore;
using Petitions.Core.Counting;
using Petitions.Core.Data;

namespace Petitions.Core.Publishing;

public sealed record PetitionAdminRow(int Id, string Slug, string Title, PetitionStatus Status, long SignatureCount, int Target, DateTimeOffset? ClosesAt);

public sealed class PetitionAdminQueries(PetitionsDbContext db, SignatureCounter counter)
{
    public async Task<IReadOnlyList<PetitionAdminRow>> ListAllAsync(CancellationToken cancellationToken)
    {
        var petitions = await db.Petitions.AsNoTracking()
            .OrderBy(p => p.Status).ThenByDescending(p => p.CreatedAt)
            .Select(p => new { p.Id, p.Slug, p.Title, p.Status, p.Target, p.ClosesAt })
            .ToListAsync(cancellationToken);
        var counts = await counter.CountsAsync(petitions.Select(p => p.Id).ToArray(), cancellationToken);
        return petitions.Select(p => new PetitionAdminRow(p.Id, p.Slug, p.Title, p.Status, counts.GetValueOrDefault(p.Id), p.Target, p.ClosesAt)).ToArray();
    }

    // The petition with its translations, for the translation editor.
    public async Task<Petition?> FindWithTranslationsAsync(int id, CancellationToken cancellationToken) =>
        await db.Petitions.AsNoTracking().Include(p => p.Translations).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);

    public async Task<(Petition Petition, IReadOnlyList<PetitionVersion> Versions)?> FindWithVersionsAsync(int id, CancellationToken cancellationToken)
    {
        var petition = await db.Petitions.AsNoTracking().Include(p => p.Translations).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (petition is null)
            return null;
        var versions = await db.PetitionVersions.AsNoTracking().Where(v => v.PetitionId == id)
            .OrderByDescending(v => v.Number).ToListAsync(cancellationToken);
        return (petition, versions);
    }
}
