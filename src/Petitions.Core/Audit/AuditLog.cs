using Petitions.Core.Data;

namespace Petitions.Core.Audit;

// Adds an entry to the caller's unit of work, so the entry and the action commit together.
public sealed class AuditLog(PetitionsDbContext db, TimeProvider clock)
{
    public void Record(Actor actor, string action, string? target = null, string? details = null) =>
        db.AuditEntries.Add(new AuditEntry(actor, action, target, details, clock.GetUtcNow()));

    public async Task WriteAsync(Actor actor, string action, string? target = null, string? details = null, CancellationToken cancellationToken = default)
    {
        Record(actor, action, target, details);
        await db.SaveChangesAsync(cancellationToken);
    }
}
