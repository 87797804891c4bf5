namespace Mosaic.Cli.Load;

/// <summary>A run's state once a second, for the live display: what was due, sent, answered, and the p99 of the answers so far.</summary>
public sealed record LoadProgress(TimeSpan Elapsed, TimeSpan Duration, double Rate, long Due, long Sent, long Succeeded, long Failed, long Dropped, long InFlight, double P99SoFarMs);
