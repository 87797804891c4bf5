namespace Mosaic.Cli.Load.Sampling;

/// <summary>
/// What one service did between two readings: cores of CPU it used, and the mean time its API took
/// per request (for the gateway, its own part: the wait for the services behind it is taken out).
/// </summary>
public sealed record ServiceLoad(string Service, double CpuCores, double MeanLatencyMs, double RequestsPerSecond)
{
    public static ServiceLoad Between(ServiceReading before, ServiceReading after, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var seconds = Math.Max(elapsed.TotalSeconds, 0.001);
        var requests = after.Requests - before.Requests;
        var busy = after.RequestSeconds - before.RequestSeconds;
        var upstreamRequests = after.UpstreamRequests - before.UpstreamRequests;
        var upstream = after.UpstreamSeconds - before.UpstreamSeconds;
        // A restarted process starts its counters again; its span then counts from zero.
        if (requests < 0 || busy < 0) (requests, busy, upstreamRequests, upstream) = (after.Requests, after.RequestSeconds, after.UpstreamRequests, after.UpstreamSeconds);
        var own = requests > 0 ? busy / requests - (upstreamRequests > 0 ? upstream / upstreamRequests : 0) : 0;
        var cpu = after.CpuSeconds - before.CpuSeconds;
        return new ServiceLoad(after.Service, Math.Max(0, cpu) / seconds, Math.Max(0, own) * 1000, requests / seconds);
    }
}
