namespace Petitions.Core.Staff;

// Wrong passwords for one account, counted per source address, and once more for the account as
// a whole under the source AllSources. A stranger's guesses lock out the stranger's address, not
// the account: the owner, signing in from their own address, is not locked out by them. The
// account-wide count throttles guessing spread over many addresses, with a lock that grows each
// time it engages, and spares only addresses the account has signed in from before.
public sealed class SignInThrottle
{
    public const string AllSources = "*";

    private SignInThrottle() { }

    public string UserId { get; private set; } = "";
    public string Source { get; private set; } = "";
    public int Failures { get; private set; }
    public int Lockouts { get; private set; }
    public DateTimeOffset? LockedUntil { get; private set; }
    public DateTimeOffset? LastFailureAt { get; private set; }
    public DateTimeOffset? SucceededAt { get; private set; }

    public bool IsLocked(DateTimeOffset now) => LockedUntil > now;

    // Returns whether this failure locked the source (or the account).
    public bool Failed(DateTimeOffset now, int threshold, TimeSpan lockFor)
    {
        Failures++;
        LastFailureAt = now;
        if (Failures < threshold)
            return false;
        Failures = 0;
        Lockouts++;
        LockedUntil = now + lockFor;
        return true;
    }

    public void Succeeded(DateTimeOffset now)
    {
        Failures = 0;
        Lockouts = 0;
        LockedUntil = null;
        SucceededAt = now;
    }
}
