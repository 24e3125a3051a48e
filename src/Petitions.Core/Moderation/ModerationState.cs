using Petitions.Core.Signing;

namespace Petitions.Core.Moderation;

// How a moderator sees a signature: its stored status, with flagged signatures set apart because
// they wait for a decision. The five never overlap, so Confirmed here means exactly "counted".
public enum ModerationState
{
    Pending,
    Confirmed,
    Flagged,
    Invalidated,
    // Taken back by the signer: a tombstone with no name or address, kept so numbers are not reused.
    Withdrawn,
}

public static class ModerationStates
{
    public static ModerationState Of(SignatureStatus status, DateTimeOffset? flaggedAt) => Of(status, flaggedAt is not null);

    public static ModerationState Of(SignatureStatus status, bool flagged) => status switch
    {
        SignatureStatus.Invalidated => ModerationState.Invalidated,
        SignatureStatus.Withdrawn => ModerationState.Withdrawn,
        _ when flagged => ModerationState.Flagged,
        SignatureStatus.Confirmed => ModerationState.Confirmed,
        _ => ModerationState.Pending,
    };

    // By name only: Enum.TryParse would also take "1" or "Pending,Confirmed".
    public static bool TryParse(string? text, out ModerationState state)
    {
        foreach (var candidate in Enum.GetValues<ModerationState>())
        {
            if (candidate.ToString().Equals(text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                state = candidate;
                return true;
            }
        }
        state = default;
        return false;
    }
}
