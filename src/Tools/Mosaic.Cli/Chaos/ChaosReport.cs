using Mosaic.Cli.Chaos.Invariants;
using Mosaic.Cli.Chaos.Recovery;
using Mosaic.Cli.Load.Reports;

namespace Mosaic.Cli.Chaos;

/// <summary>
/// What <c>mosaic chaos</c> writes as <c>chaos.json</c>: the experiment and its hypothesis, what was done when
/// (seconds from the start of the load), the recovery, the errors seen from the fault until recovery by kind,
/// every invariant's verdict, and the load report of the run.
/// </summary>
public sealed record ChaosReport(
    string Experiment,
    string Hypothesis,
    IReadOnlyList<ChaosAction> Actions,
    double FaultStartSecond,
    double FaultEndSecond,
    RecoveryResult Recovery,
    IReadOnlyDictionary<string, long> ErrorsDuringFault,
    IReadOnlyList<InvariantResult> Invariants,
    bool InvariantsHeld,
    LoadReport Load);

/// <summary>One thing the experiment did, and when (seconds since the load began).</summary>
public sealed record ChaosAction(double AtSecond, string What);
