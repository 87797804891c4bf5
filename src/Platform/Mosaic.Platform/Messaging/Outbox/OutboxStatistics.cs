namespace Mosaic.Platform.Messaging.Outbox;

/// <summary>The outbox backlog as the relay last counted it, for <c>/metrics</c>, <c>/info</c> and <c>mosaic bus stats</c>.</summary>
public sealed class OutboxStatistics
{
    private long backlog;
    private long oldestCreatedAt;

    public long Backlog => Interlocked.Read(ref backlog);

    /// <summary>Age of the oldest unshipped row at <paramref name="now"/>; zero when the outbox is empty.</summary>
    public TimeSpan OldestAge(DateTimeOffset now)
    {
        var oldest = Interlocked.Read(ref oldestCreatedAt);
        return oldest == 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Max(0, now.ToUnixTimeMilliseconds() - oldest));
    }

    internal void Update(long count, long? oldest)
    {
        Interlocked.Exchange(ref backlog, count);
        Interlocked.Exchange(ref oldestCreatedAt, oldest ?? 0);
    }
}
