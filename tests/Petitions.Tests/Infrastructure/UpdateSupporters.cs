using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Petitions.Core.Counting;
using Petitions.Core.Data;
using Petitions.Core.Signing;
using Petitions.Core.Updates;

namespace Petitions.Tests.Infrastructure;

// Every way a signer can stand towards an update email.
public enum SupporterState
{
    Confirmed,
    Pending,
    Flagged,
    Invalidated,
    Withdrawn,
    Anonymised,
    Unsubscribed,
    Paper,
}

// One signer as an update test wants them: Supporter.Named("Ana").ReadIn("es").NoUpdates().
public sealed record Supporter(string Name)
{
    public bool WantsUpdates { get; init; } = true;
    public string Language { get; init; } = "en";
    public SupporterState State { get; init; } = SupporterState.Confirmed;

    public static Supporter Named(string name) => new(name);
    public Supporter ReadIn(string language) => this with { Language = language };
    public Supporter NoUpdates() => this with { WantsUpdates = false };
    public Supporter In(SupporterState state) => this with { State = state };
}

public sealed record AddedSupporter(long Id, string Email, Supporter Supporter);

public static class Supporters
{
    // Adds the signers in the order given, so their ids follow it. Every one has an email address,
    // even those whose state would normally have erased it, so that a test shows the state itself
    // keeps them from getting anything.
    public static async Task<IReadOnlyList<AddedSupporter>> AddAsync(PetitionsApp app, int petitionId, params Supporter[] supporters)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PetitionsDbContext>();
        var version = await db.Petitions.Where(p => p.Id == petitionId).Select(p => p.CurrentVersion).SingleAsync();
        var now = DateTimeOffset.UtcNow.AddDays(-1);
        var added = new List<AddedSupporter>();
        foreach (var supporter in supporters)
        {
            var email = $"{supporter.State.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@example.org";
            var signature = supporter.State == SupporterState.Paper
                ? Signature.FromPaper(petitionId, version, new PaperSignature(supporter.Name, email, "GB", null, DateOnly.FromDateTime(now.UtcDateTime)), email, now)
                : Signature.Pending(petitionId, version, new SignRequest
                {
                    Name = supporter.Name, Email = email, Country = "GB", Consent = true,
                    WantsUpdates = supporter.WantsUpdates, Language = supporter.Language,
                }, email, now);
            if (supporter.State is not (SupporterState.Pending or SupporterState.Paper))
                db.MarkConfirmed(signature, now);
            if (supporter.State == SupporterState.Flagged)
                signature.Flag("Five signatures from one address in a minute", now);
            db.Signatures.Add(signature);
            await db.SaveChangesAsync();
            var id = signature.Id;
            switch (supporter.State)
            {
                case SupporterState.Invalidated:
                    await db.Database.ExecuteSqlAsync($"UPDATE signatures SET status = 'Invalidated', invalidated_at = now() WHERE id = {id}");
                    break;
                case SupporterState.Withdrawn:
                    await db.Database.ExecuteSqlAsync($"UPDATE signatures SET status = 'Withdrawn', withdrawn_at = now() WHERE id = {id}");
                    break;
                case SupporterState.Anonymised:
                    await db.Database.ExecuteSqlAsync($"UPDATE signatures SET anonymised_at = now() WHERE id = {id}");
                    break;
                case SupporterState.Unsubscribed:
                    await db.Database.ExecuteSqlAsync($"UPDATE signatures SET unsubscribed_at = now() WHERE id = {id}");
                    break;
            }
            added.Add(new AddedSupporter(id, email, supporter));
        }
        await scope.ServiceProvider.GetRequiredService<SignatureCounter>().ReconcileAsync(petitionId, CancellationToken.None);
        return added;
    }

    // One of every signer who must never get an update, whatever its audience.
    public static Supporter[] NeverReached() =>
        Enum.GetValues<SupporterState>().Where(s => s != SupporterState.Confirmed)
            .Select(s => Supporter.Named($"Never {s}").In(s)).ToArray();

    // The petition handed over today, as the editing page records it.
    public static Task MarkDeliveredAsync(PetitionsApp app, int petitionId) => app.WithDbAsync(async db =>
    {
        var petition = await db.Petitions.SingleAsync(p => p.Id == petitionId);
        petition.MarkDelivered(DateOnly.FromDateTime(DateTime.UtcNow), DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
    });

    // Recording the response is another page's work; here it is the row as that page leaves it.
    public static Task RecordResponseAsync(PetitionsApp app, int petitionId) => app.WithDbAsync(db =>
        db.Database.ExecuteSqlAsync($"UPDATE petitions SET responded_on = current_date WHERE id = {petitionId}"));
}

// An update being sent, held by an instance that is not running it: a test then runs its batches
// one at a time with the lease, as that instance would, or lets the lease lapse.
public static class HeldUpdate
{
    public static async Task<(long Id, DateTimeOffset Lease)> SendingAsync(PetitionsApp app, int petitionId, string title,
        UpdateAudience audience = UpdateAudience.Subscribers, string body = "The minister has agreed to meet us.")
    {
        var lease = UpdateSender.Microseconds(DateTimeOffset.UtcNow.AddHours(1));
        var id = await app.WithDbAsync(async db =>
        {
            var update = PetitionUpdate.Draft(petitionId, title, body, audience, "organiser@example.org", DateTimeOffset.UtcNow);
            update.StartSending(await UpdateRecipients.Of(db.Signatures, petitionId, audience).LongCountAsync(), DateTimeOffset.UtcNow);
            db.PetitionUpdates.Add(update);
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlAsync($"UPDATE petition_updates SET locked_until = {lease} WHERE id = {update.Id}");
            return update.Id;
        });
        return (id, lease);
    }

    // The instance holding it died: its lease has lapsed, and any instance may take it up.
    public static Task ExpireLeaseAsync(PetitionsApp app, long updateId) => app.WithDbAsync(db =>
        db.Database.ExecuteSqlAsync($"UPDATE petition_updates SET locked_until = now() - interval '1 second' WHERE id = {updateId}"));
}

// A draft update on a petition, written once and found again by later visits.
public static class UpdateDraft
{
    public static Task<long> EnsureAsync(PetitionsApp app, int petitionId) => app.WithDbAsync(async db =>
    {
        var existing = await db.PetitionUpdates.Where(u => u.PetitionId == petitionId && u.Status == UpdateStatus.Draft)
            .Select(u => (long?)u.Id).FirstOrDefaultAsync();
        if (existing is { } id)
            return id;
        var update = PetitionUpdate.Draft(petitionId, "We met the minister", "She **promised** an answer by June.\n\n- Thank you\n- Keep sharing",
            UpdateAudience.Subscribers, "organiser@example.org", DateTimeOffset.UtcNow);
        db.PetitionUpdates.Add(update);
        await db.SaveChangesAsync();
        return update.Id;
    });

    // As the job leaves an update it has handed to the outbox whole.
    public static Task FinishAsync(PetitionsApp app, long updateId) => app.WithDbAsync(async db =>
    {
        var update = await db.PetitionUpdates.SingleAsync(u => u.Id == updateId);
        update.Advance(update.Cursor, update.RecipientsTotal, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
        update.Finish(DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
    });
}
