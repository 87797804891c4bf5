using Mosaic.Cli.Chaos;
using Mosaic.Cli.Load.Scenarios;

namespace Mosaic.Cli.Commands.Chaos;

/// <summary>What one <c>mosaic chaos</c> is asked to do: which fault, under what load, when and for how long.</summary>
public sealed record ChaosRequest(
    IChaosExperiment Experiment,
    Uri Gateway,
    Scenario Scenario,
    double Rate,
    TimeSpan Duration,
    TimeSpan FaultAt,
    TimeSpan FaultDuration,
    TimeSpan Settle,
    int Connections,
    int MaxInFlight,
    string OutputFolder);
