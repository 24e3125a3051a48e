using Microsoft.EntityFrameworkCore;
using Petitions.Core.Data;
using Petitions.Core.Petitions;

namespace Petitions.Core.Counting;

// Counting without a hot row. A confirmation adds one to a randomly chosen slot among
// SlotCount rows for its petition, never to a single shared row: with one row, every
// confirmation queues behind the previous one's lock, which is how the UK Parliament's site
// fell over in 2016 and 2019. Reading the count sums a handful of rows and never scans signatures.
public sealed class SignatureCounter(PetitionsDbContext db, PetitionSnapshots snapshots)
{
    public const int SlotCount = 16;

    // Called inside the confirming transaction, so the count moves exactly when the signature does.
    // The public snapshot of the petition is dropped here, before the commit, and the confirming
    // service drops it again after its commit: a page read racing the transaction may cache the
    // old count, but only for PublicCacheOptions.Lifetime.
    public async Task AddAsync(int petitionId, int delta, CancellationToken cancellationToken)
    {
        var slot = (short)Random.Shared.Next(SlotCount);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO signature_counter_slots (petition_id, slot, count) VALUES ({petitionId}, {slot}, {delta})
            ON CONFLICT (petition_id, slot) DO UPDATE SET count = signature_counter_slots.count + EXCLUDED.count
            """, cancellationToken);
        snapshots.Changed(petitionId);
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

    // Recomputes a petition's count from its signatures (Signature.IsCounted: confirmed and not flagged), for use after a repair or to prove the
    // slots right. All slots exist before the recount starts and are locked by it, so a
    // confirmation racing the recount either committed before it (and is in the recount) or waits
    // for it (and adds its one afterwards): none is lost or counted twice.
    public async Task<long> ReconcileAsync(int petitionId, CancellationToken cancellationToken)
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
        await db.Database.ExecuteSqlAsync(
            $"UPDATE signature_counter_slots SET count = 0 WHERE petition_id = {petitionId}", cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            UPDATE signature_counter_slots
            SET count = (SELECT count(*) FROM signatures WHERE petition_id = {petitionId} AND status = 'Confirmed' AND flagged_at IS NULL)
            WHERE petition_id = {petitionId} AND slot = 0
            """, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        snapshots.Changed(petitionId);
        return await CountAsync(petitionId, cancellationToken);
    }
}
