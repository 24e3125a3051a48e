using Petitions.Core.Signing;

namespace Petitions.Core.Moderation;

// How a moderator sees a signature: its stored status, with flagged signatures set apart because
// they wait for a decision. The four never overlap, so Confirmed here means exactly "counted".
public enum ModerationState
{
    Pending,
    Confirmed,
    Flagged,
    Invalidated,
}

public static class ModerationStates
{
    public static ModerationState Of(SignatureStatus status, DateTimeOffset? flaggedAt) => Of(status, flaggedAt is not null);

    public static ModerationState Of(SignatureStatus status, bool flagged) => status switch
    {
        SignatureStatus.Invalidated => ModerationState.Invalidated,
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
