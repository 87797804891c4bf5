namespace Mosaic.Cli.Load.Scheduling;

/// <summary>One request's start: its number in the run and the <see cref="System.Diagnostics.Stopwatch"/> timestamp it was due at.</summary>
public readonly record struct Arrival(long Sequence, long DueTimestamp);
