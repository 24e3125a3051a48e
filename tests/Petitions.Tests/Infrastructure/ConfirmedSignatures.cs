using Petitions.Core.Data;
using Petitions.Core.Signing;

namespace Petitions.Tests.Infrastructure;

// Builders add signatures straight to the database. The app confirms one only through the guarded
// update in ConfirmationService, which sets these two columns; a builder sets the same two on a
// signature it is about to add, as if that update had run.
public static class ConfirmedSignatures
{
    public static void MarkConfirmed(this PetitionsDbContext db, Signature signature, DateTimeOffset confirmedAt)
    {
        var entry = db.Entry(signature);
        entry.Property(s => s.Status).CurrentValue = SignatureStatus.Confirmed;
        entry.Property(s => s.ConfirmedAt).CurrentValue = confirmedAt;
    }
}
