namespace Mosaic.Cli.Load.Histograms;

/// <summary>
/// Log-linear histogram of microsecond values (the HdrHistogram layout, which is not in the feed):
/// values below 128 µs get a bucket each; above that every power of two is cut into 64 equal
/// buckets, so a reported percentile is at most 1/64 (1.6 %) above the true value. Thread-safe
/// recording, fixed memory, no allocation per value.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBucketBits = 6;
    private const int SubBucketHalf = 1 << SubBucketBits;        // 64 buckets per power of two
    private const int LinearLimit = SubBucketHalf * 2;           // 0..127 µs are exact
    private const int MaxShift = 40;                             // far above any timeout

    private readonly long[] _counts = new long[LinearLimit + MaxShift * SubBucketHalf];
    private long _total;
    private long _sum;
    private long _max;

    public long Count => Interlocked.Read(ref _total);

    public double MeanMicros => Count == 0 ? 0 : (double)Interlocked.Read(ref _sum) / Count;

    public long MaxMicros => Interlocked.Read(ref _max);

    /// <summary>The largest value any histogram can tell apart; larger values land in the last bucket.</summary>
    public static long HighestTrackable => UpperEdge(LinearLimit + MaxShift * SubBucketHalf - 1);

    public void Record(long micros)
    {
        if (micros < 0) micros = 0;
        Interlocked.Increment(ref _counts[IndexOf(micros)]);
        Interlocked.Increment(ref _total);
        Interlocked.Add(ref _sum, micros);
        long seen;
        while (micros > (seen = Interlocked.Read(ref _max)) && Interlocked.CompareExchange(ref _max, micros, seen) != seen)
        {
            // another thread raised the maximum first; compare again against its value
        }
    }

    /// <summary>The smallest recorded value (bucket's upper edge) that at least <paramref name="percentile"/> % of values do not exceed.</summary>
    public long PercentileMicros(double percentile)
    {
        var total = Count;
        if (total == 0) return 0;
        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100.0 * total));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += Interlocked.Read(ref _counts[i]);
            if (seen >= rank) return Math.Min(UpperEdge(i), MaxMicros);
        }
        return MaxMicros;
    }

    /// <summary>Adds every value recorded in <paramref name="other"/> (a per-second or per-endpoint histogram into a total).</summary>
    public void Add(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < _counts.Length; i++)
        {
            var count = Interlocked.Read(ref other._counts[i]);
            if (count != 0) Interlocked.Add(ref _counts[i], count);
        }
        Interlocked.Add(ref _total, other.Count);
        Interlocked.Add(ref _sum, Interlocked.Read(ref other._sum));
        var otherMax = other.MaxMicros;
        long seen;
        while (otherMax > (seen = Interlocked.Read(ref _max)) && Interlocked.CompareExchange(ref _max, otherMax, seen) != seen)
        {
            // as in Record
        }
    }

    internal static int IndexOf(long micros)
    {
        if (micros < LinearLimit) return (int)micros;
        var msb = 63 - long.LeadingZeroCount(micros);
        var shift = (int)Math.Min(msb - SubBucketBits, MaxShift);
        var sub = Math.Min(micros >> shift, (long)LinearLimit - 1);
        return LinearLimit + (shift - 1) * SubBucketHalf + (int)(sub - SubBucketHalf);
    }

    internal static long UpperEdge(int index)
    {
        if (index < LinearLimit) return index;
        var shift = (index - LinearLimit) / SubBucketHalf + 1;
        var sub = (long)((index - LinearLimit) % SubBucketHalf + SubBucketHalf);
        return ((sub + 1) << shift) - 1;
    }
}
