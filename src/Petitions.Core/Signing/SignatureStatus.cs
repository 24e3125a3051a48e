namespace Petitions.Core.Signing;

public enum SignatureStatus
{
    Pending,
    Confirmed,
    Invalidated,
}
