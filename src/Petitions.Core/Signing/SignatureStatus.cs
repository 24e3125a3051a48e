namespace Petitions.Core.Signing;

public enum SignatureStatus
{
    Pending,
    Confirmed,
    Invalidated,
    // Taken back by its signer; the row is a tombstone with no personal data.
    Withdrawn,
}
