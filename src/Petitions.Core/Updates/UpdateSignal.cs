namespace Petitions.Core.Updates;

// Wakes this instance's sending job as soon as staff press "Send", instead of at the next poll.
public sealed class UpdateSignal : WakeSignal;
