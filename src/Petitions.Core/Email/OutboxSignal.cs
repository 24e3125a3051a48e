namespace Petitions.Core.Email;

// Wakes this instance's sender as soon as a request has committed new mail, so a supporter's
// confirmation email does not wait for the next poll.
public sealed class OutboxSignal : WakeSignal;
