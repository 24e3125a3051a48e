using Microsoft.EntityFrameworkCore;
using Petitions.Core.Data;
using Petitions.Core.Publishing;
using Petitions.Core.Signing;

namespace Petitions.Core.Counting;

// The count a delivered petition was handed over with (Petition.MarkDelivered), and when.
public sealed record DeliveredCount(DateOnly On, long Count);

public abstract record RecountResult(long Count)
{
    public sealed record Recounted(long Count) : RecountResult(Count);
    // The petition is delivered: its count is the delivered one, and the slots were left alone.
    public sealed record Refused(DeliveredCount Delivered) : RecountResult(Delivered.Count);
}

// Counting without a hot row. A confirmation adds one to a randomly chosen slot among
// SlotCount rows for its petition, never to a single shared row: with one row, every
// confirmation queues behind the previous one's lock, which is how the UK Parliament's site
// fell over in 2016 and 2019. Reading the count sums a handful of rows and never scans signatures.
public sealed class SignatureCounter(PetitionsDbContext db, PetitionSnapshots snapshots)
{
    public const int SlotCount = 16;

    // Called inside the confirming transaction, so the count moves exactly when the signature does.
    // The caller drops the petition's public snapshot after its commit (PetitionSnapshots.Changed).
    public async Task AddAsync(int petitionId, int delta, CancellationToken cancellationToken)
    {
        var slot = (short)Random.Shared.Next(SlotCount);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO signature_counter_slots (petition_id, slot, count) VALUES ({petitionId}, {slot}, {delta})
            ON CONFLICT (petition_id, slot) DO UPDATE SET count = signature_counter_slots.count + EXCLUDED.count
            """, cancellationToken);
    }

    public Task<long> CountAsync(int petitionId, CancellationToken cancellationToken) => CountOf(db, petitionId, cancellationToken);

    // The read path of the count: the petition's counter slots (by their primary key), never the
    // signatures. CountReadTests checks the plan. Compiled once, since every page view runs it.
    internal static readonly Func<PetitionsDbContext, int, CancellationToken, Task<long>> CountOf =
        EF.CompileAsyncQuery((PetitionsDbContext db, int petitionId, CancellationToken _) =>
            db.CounterSlots.Where(s => s.PetitionId == petitionId).Sum(s => s.Count));

    public async Task<Dictionary<int, long>> CountsAsync(IReadOnlyCollection<int> petitionIds, CancellationToken cancellationToken) =>
        await db.CounterSlots.Where(s => petitionIds.Contains(s.PetitionId))
            .GroupBy(s => s.PetitionId)
            .Select(g => new { g.Key, Count = g.Sum(s => s.Count) })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);

    // Null while the petition's count may still change. Once it is delivered its count is frozen,
    // and staff changes that would move it (moderation, paper import, a recount) are refused. Call
    // inside the changing transaction: the share lock makes a delivery being saved wait until the
    // change commits, or the change wait for the delivery and then see it.
    public async Task<DeliveredCount?> DeliveredAsync(int petitionId, CancellationToken cancellationToken)
    {
        var petition = await db.Petitions
            .FromSql($"SELECT * FROM petitions WHERE id = {petitionId} FOR SHARE")
            .AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (petition is not { Status: PetitionStatus.Delivered, DeliveredOn: { } on })
            return null;
        return new DeliveredCount(on, petition.DeliveredSignatureCount ?? await CountAsync(petitionId, cancellationToken));
    }

    // Recomputes a petition's count from its signatures (Signature.Counted: confirmed and not flagged), for use after a repair or to prove the
    // slots right. All slots exist before the recount starts and are locked by it, so a
    // confirmation racing the recount either committed before it (and is in the recount) or waits
    // for it (and adds its one afterwards): none is lost or counted twice.
    public async Task<RecountResult> ReconcileAsync(int petitionId, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO signature_counter_slots (petition_id, slot, count)
            SELECT {petitionId}, s, 0 FROM generate_series(0, {SlotCount - 1}) AS s
            ON CONFLICT DO NOTHING
            """, cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // All slots locked first, in slot order: an UPDATE takes its rows' locks in whatever order
        // it finds them, and two recounts finding them in different orders (a confirmation's
        // update moves a row) would each hold what the other waits for.
        await db.Database.ExecuteSqlAsync(
            $"SELECT slot FROM signature_counter_slots WHERE petition_id = {petitionId} ORDER BY slot FOR UPDATE", cancellationToken);
        if (await DeliveredAsync(petitionId, cancellationToken) is { } delivered)
            return new RecountResult.Refused(delivered);
        await db.Database.ExecuteSqlAsync(
            $"UPDATE signature_counter_slots SET count = 0 WHERE petition_id = {petitionId}", cancellationToken);
        await db.Database.ExecuteSqlRawAsync($$"""
            UPDATE signature_counter_slots
            SET count = (SELECT count(*) FROM signatures WHERE petition_id = {0} AND {{Signature.CountedSql}})
            WHERE petition_id = {0} AND slot = 0
            """, [petitionId], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        snapshots.Changed(petitionId);
        return new RecountResult.Recounted(await CountAsync(petitionId, cancellationToken));
    }
}
