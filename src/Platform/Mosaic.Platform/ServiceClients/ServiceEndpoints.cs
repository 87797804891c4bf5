using System.Collections.Concurrent;

namespace Mosaic.Platform.ServiceClients;

/// <summary>
/// Where each service's instances are, and which one to use next: round-robin, skipping an
/// instance for a while after a connection to it failed.
/// </summary>
public sealed class ServiceEndpoints(IReadOnlyDictionary<string, IReadOnlyList<Uri>> instances, TimeProvider clock)
{
    /// <summary>How long an instance that refused a connection is passed over.</summary>
    public static readonly TimeSpan Cooldown = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, ServiceRotation> rotations = new(StringComparer.Ordinal);

    public bool Knows(string service) => instances.ContainsKey(service);

    public IReadOnlyList<Uri> InstancesOf(string service) =>
        instances.TryGetValue(service, out var found)
            ? found
            : throw new UnknownServiceException(service);

    /// <summary>
    /// The instances to try for one call, best first: healthy ones in round-robin order, then the
    /// ones in cooldown (so a call still has a chance when every instance recently failed).
    /// </summary>
    public InstanceOrder Candidates(string service)
    {
        var all = InstancesOf(service);
        var rotation = rotations.GetOrAdd(service, _ => new ServiceRotation(all.Count));
        var start = rotation.Next();
        var now = clock.GetTimestamp();
        ulong cooling = 0;
        for (var i = 0; i < Math.Min(all.Count, 64); i++)
            if (rotation.IsCooling(i, now, clock)) cooling |= 1UL << i;
        return new InstanceOrder(all, start, cooling);
    }

    public void ReportFailure(string service, Uri instance)
    {
        var all = InstancesOf(service);
        var index = IndexOf(all, instance);
        if (index >= 0) rotations.GetOrAdd(service, _ => new ServiceRotation(all.Count)).MarkFailed(index, clock.GetTimestamp());
    }

    public void ReportSuccess(string service, Uri instance)
    {
        if (!rotations.TryGetValue(service, out var rotation)) return;
        var index = IndexOf(InstancesOf(service), instance);
        if (index >= 0) rotation.MarkHealthy(index);
    }

    private static int IndexOf(IReadOnlyList<Uri> all, Uri instance)
    {
        // Callers hand back the Uri that Candidates gave them; comparing references first keeps this
        // off Uri.Authority, which builds a string, on every forwarded request.
        for (var i = 0; i < all.Count; i++)
            if (ReferenceEquals(all[i], instance)) return i;
        for (var i = 0; i < all.Count; i++)
            if (all[i].Authority == instance.Authority) return i;
        return -1;
    }

    private sealed class ServiceRotation(int size)
    {
        private readonly long[] failedAt = new long[size];
        private int counter = -1;

        public int Next() => (int)((uint)Interlocked.Increment(ref counter) % (uint)size);

        public bool IsCooling(int index, long now, TimeProvider clock)
        {
            var failed = Volatile.Read(ref failedAt[index]);
            return failed != 0 && clock.GetElapsedTime(failed, now) < Cooldown;
        }

        public void MarkFailed(int index, long now) => Volatile.Write(ref failedAt[index], now);

        public void MarkHealthy(int index)
        {
            if (Volatile.Read(ref failedAt[index]) != 0) Volatile.Write(ref failedAt[index], 0);
        }
    }
}

/// <summary>A call named a service the manifest does not know.</summary>
public sealed class UnknownServiceException(string service)
    : InvalidOperationException($"No service named '{service}' in mosaic.yaml (or Mosaic:Endpoints); check the name or add it to the manifest.")
{
    public string Service { get; } = service;
}
