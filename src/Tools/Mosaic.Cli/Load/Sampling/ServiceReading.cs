namespace Mosaic.Cli.Load.Sampling;

/// <summary>
/// One service's counters at one moment, summed over its instances: CPU seconds its processes have used,
/// and the sum and count of its API requests' durations (its <c>/metrics</c>); for the gateway also
/// the part of that time spent waiting for the services behind it.
/// </summary>
public sealed record ServiceReading(string Service, double CpuSeconds, double RequestSeconds, double Requests, double UpstreamSeconds, double UpstreamRequests);
