using Mosaic.PaymentProvider.Contracts;

namespace Mosaic.PaymentProvider.Faults;

/// <summary>
/// The faults in force, changed at run time through <c>/admin/faults</c>. Held in memory on purpose:
/// a restarted simulator comes back healthy, as a real provider would after an incident.
/// </summary>
public sealed class FaultState
{
    private FaultSettings current = FaultSettings.None;

    public FaultSettings Current => Volatile.Read(ref current);

    public void Set(FaultSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Volatile.Write(ref current, settings);
    }

    public void Reset() => Set(FaultSettings.None);
}
