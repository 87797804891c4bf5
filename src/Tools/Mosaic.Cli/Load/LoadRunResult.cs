using Mosaic.Cli.Load.Recording;
using Mosaic.Cli.Load.Sampling;
using Mosaic.Cli.Load.Scheduling;
using Mosaic.Cli.Load.Shop;

namespace Mosaic.Cli.Load;

/// <summary>Everything one run of a profile measured, before it is turned into a report.</summary>
public sealed record LoadRunResult(
    RateProfile Profile,
    LoadRecorder Recorder,
    long Due,
    long Started,
    long Dropped,
    long Unfinished,
    TimeSpan Elapsed,
    IReadOnlyList<IReadOnlyDictionary<string, ServiceLoad>> PhaseLoads,
    IReadOnlyList<PlacedOrder> PlacedOrders,
    bool Cancelled);
