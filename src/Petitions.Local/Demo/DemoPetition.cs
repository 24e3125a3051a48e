using Microsoft.EntityFrameworkCore;
using Petitions.Core.Data;
using Petitions.Core.Publishing;

namespace Petitions.Local.Demo;

// The petition a new installation shows, so that there is something to sign straight away.
// Its text comes from a real campaign delivered to the Chinese Embassy in London.
public sealed class DemoPetition(PetitionsDbContext db, TimeProvider clock)
{
    public const string Slug = "grant-refugee-status-to-north-koreans-in-china";

    public static PetitionText Text { get; } = new(
        "Grant refugee status to North Koreans in China",
        "North Koreans who escape into China are hunted down and sent back to face prison camps, torture and worse. " +
        "We ask the government of China to protect them instead.",
        "Every year, men, women and children flee North Korea across the border into China. They are escaping a regime " +
        "that the United Nations Commission of Inquiry found responsible for crimes against humanity.\n\n" +
        "China treats them as illegal economic migrants. Those who are caught are forcibly repatriated, and on return " +
        "they face interrogation, imprisonment in labour camps, torture, and in some cases execution. Women who have " +
        "been trafficked inside China are returned to the same fate.\n\n" +
        "China is a party to the 1951 Refugee Convention and its 1967 Protocol, which forbid returning anyone to a " +
        "country where they face persecution. We, the undersigned, urge the government of the People's Republic of China:",
        [
            "to act compassionately towards the men, women and children escaping the regime by granting them refugee status,",
            "to give them safe passage to third countries, and",
            "to stop immediately the forcible repatriation of North Koreans.",
        ]);

    public const int Target = 50_000;

    // Creates the demo petition if it is missing and returns its slug. Safe to call on every start.
    public async Task<string> EnsureAsync(CancellationToken cancellationToken)
    {
        if (await db.Petitions.AnyAsync(p => p.Slug == Slug, cancellationToken))
            return Slug;

        var now = clock.GetUtcNow();
        var settings = new PetitionSettings(Slug, "Embassy of the People's Republic of China",
            "49 Portland Place\nLondon W1B 1JL\nUnited Kingdom", Target, ClosesAt: now.AddMonths(6));
        var petition = Petition.Draft(Text, settings, now);
        petition.Publish(now);
        db.Petitions.Add(petition);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another process may have seeded it at the same moment; that is the same outcome.
            db.ChangeTracker.Clear();
            if (!await db.Petitions.AnyAsync(p => p.Slug == Slug, cancellationToken))
                throw;
        }
        return Slug;
    }
}
