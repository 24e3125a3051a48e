namespace Petitions.Core;

// Wakes one of this instance's background workers as soon as a request has committed work for it,
// instead of at its next poll. Work committed on other instances is found by polling. Each worker
// has its own subclass, so that each is its own singleton.
public abstract class WakeSignal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Notify()
    {
        try
        {
            if (_semaphore.CurrentCount == 0)
                _semaphore.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up covers any amount of new work.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _semaphore.WaitAsync(timeout, cancellationToken);
}
