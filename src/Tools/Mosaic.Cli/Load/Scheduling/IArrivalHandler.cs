namespace Mosaic.Cli.Load.Scheduling;

/// <summary>
/// What happens at each arrival. Called on the scheduler's thread: it must start its work and return
/// at the first await, and it must not throw (a failure is a result to record, not an exception).
/// </summary>
public interface IArrivalHandler
{
    Task HandleAsync(Arrival arrival);

    /// <summary>The arrival was not started: as many requests as allowed were already in flight.</summary>
    void Dropped(Arrival arrival);
}
