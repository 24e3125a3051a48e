using Microsoft.EntityFrameworkCore;
using Petitions.Core.Data;

namespace Petitions.Core.Email;

// What staff need to notice that mail is not going out: how much is waiting, for how long, how
// much was refused for good, and what the SMTP server last said. LastError is the latest error
// among mail still waiting, so it disappears once that mail has gone.
public sealed record OutboxStatus(int Unsent, TimeSpan? OldestUnsentAge, int FailedForGood, string? LastError, DateTimeOffset? LastErrorAt);

public sealed class OutboxStatusQuery(PetitionsDbContext db, TimeProvider clock)
{
    public async Task<OutboxStatus> ReadAsync(CancellationToken cancellationToken)
    {
        // Every filter here is served by a partial index, so the dashboard stays cheap however
        // much mail has been sent.
        var unsent = db.OutboxMessages.AsNoTracking().Where(m => m.SentAt == null && m.FailedAt == null);
        var count = await unsent.CountAsync(cancellationToken);
        var oldest = await unsent.MinAsync(m => (DateTimeOffset?)m.CreatedAt, cancellationToken);
        var failed = await db.OutboxMessages.CountAsync(m => m.FailedAt != null, cancellationToken);
        var error = await unsent.Where(m => m.LastError != null)
            .OrderByDescending(m => m.LastErrorAt)
            .Select(m => new { m.LastError, m.LastErrorAt })
            .FirstOrDefaultAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return new OutboxStatus(count, oldest is { } at ? (now > at ? now - at : TimeSpan.Zero) : null, failed, error?.LastError, error?.LastErrorAt);
    }
}
