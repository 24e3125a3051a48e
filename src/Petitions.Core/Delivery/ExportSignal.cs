namespace Petitions.Core.Delivery;

// Wakes this instance's export worker when a job is queued here, so it starts at once rather
// than at the next poll.
public sealed class ExportSignal : WakeSignal;
