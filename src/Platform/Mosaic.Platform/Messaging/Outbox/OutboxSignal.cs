namespace Mosaic.Platform.Messaging.Outbox;

/// <summary>Wakes the relay as soon as this process commits outbox rows, instead of at its next poll.</summary>
internal sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim pulse = new(0, 1);

    public void Pulse()
    {
        try
        {
            if (pulse.CurrentCount == 0) pulse.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up covers every commit before it.
        }
        catch (ObjectDisposedException)
        {
            // A handler that outlived shutdown committed: the next start's relay ships its rows.
        }
    }

    public void Dispose() => pulse.Dispose();

    /// <summary>Returns when pulsed (true) or when <paramref name="timeout"/> passes (false).</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => pulse.WaitAsync(timeout, cancellationToken);
}
