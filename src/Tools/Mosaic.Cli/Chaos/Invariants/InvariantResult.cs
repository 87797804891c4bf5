namespace Mosaic.Cli.Chaos.Invariants;

/// <summary>One business invariant checked after an experiment: whether it held, and the evidence in a sentence.</summary>
public sealed record InvariantResult(string Name, bool Held, string Detail);
