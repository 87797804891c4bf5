using System.Collections;
using System.Numerics;

namespace Mosaic.Platform.ServiceClients;

/// <summary>
/// One call's order of instances to try: healthy ones from the round-robin start, then the ones
/// in cooldown. A struct computed on demand, because the gateway asks for one on every request.
/// </summary>
public readonly struct InstanceOrder : IReadOnlyList<Uri>
{
    private readonly IReadOnlyList<Uri> all;
    private readonly int start;
    private readonly ulong cooling;
    private readonly int healthy;

    internal InstanceOrder(IReadOnlyList<Uri> all, int start, ulong cooling)
    {
        this.all = all;
        this.start = start;
        this.cooling = cooling;
        healthy = all.Count - BitOperations.PopCount(cooling);
    }

    public int Count => all.Count;

    public Uri this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, all.Count);
            var wantCooling = index >= healthy;
            var skip = wantCooling ? index - healthy : index;
            for (var step = 0; step < all.Count; step++)
            {
                var position = (start + step) % all.Count;
                var isCooling = position < 64 && (cooling & (1UL << position)) != 0;
                if (isCooling == wantCooling && skip-- == 0) return all[position];
            }
            throw new InvalidOperationException("Unreachable: every index maps to an instance.");
        }
    }

    public Enumerator GetEnumerator() => new(this);

    IEnumerator<Uri> IEnumerable<Uri>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public struct Enumerator(InstanceOrder order) : IEnumerator<Uri>
    {
        private int index = -1;

        public readonly Uri Current => order[index];

        readonly object IEnumerator.Current => Current;

        public bool MoveNext() => ++index < order.Count;

        public void Reset() => index = -1;

        public readonly void Dispose() { }
    }
}
