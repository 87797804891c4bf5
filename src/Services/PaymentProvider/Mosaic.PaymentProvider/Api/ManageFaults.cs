using Mosaic.PaymentProvider.Contracts;
using Mosaic.PaymentProvider.Faults;

namespace Mosaic.PaymentProvider.Api;

/// <summary>GET, PUT and DELETE /admin/faults: read, set and clear the faults injected into <c>/charges</c>.</summary>
internal static partial class ManageFaults
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var faults = app.MapGroup("/admin/faults");
        faults.MapGet("", (FaultState state) => Results.Ok(state.Current)).WithName("GetFaults");
        faults.MapPut("", (FaultSettings settings, FaultState state, ILogger<FaultState> logger) =>
        {
            state.Set(settings);
            LogSet(logger, settings.LatencyMs, settings.ErrorRate, settings.Outage, settings.ErrorAfterCharge);
            return Results.Ok(state.Current);
        }).WithName("SetFaults");
        faults.MapDelete("", (FaultState state, ILogger<FaultState> logger) =>
        {
            state.Reset();
            LogReset(logger);
            return Results.Ok(state.Current);
        }).WithName("ResetFaults");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Faults set: latency {LatencyMs} ms, error rate {ErrorRate}, outage {Outage}, errors after charge {ErrorAfterCharge}")]
    private static partial void LogSet(ILogger logger, int latencyMs, double errorRate, bool outage, bool errorAfterCharge);

    [LoggerMessage(Level = LogLevel.Information, Message = "Faults cleared")]
    private static partial void LogReset(ILogger logger);
}
