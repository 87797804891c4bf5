using Mosaic.Platform.Messaging.Transport;

namespace Mosaic.Bench.Messaging.Consumer;

/// <summary>
/// <c>GET /runs/{run}?from=&amp;to=</c>: what the consumer committed for a run (the window in Unix ms);
/// <c>GET /bus</c>: the embedded bus's queue depths, to tell a consumer that fell behind from a relay
/// that did.
/// </summary>
public static class RunEndpoints
{
    public static void MapRuns(this IEndpointRouteBuilder app)
    {
        app.MapGet("/runs/{run}", (string run, long? from, long? to, HandledLog log) =>
            TypedResults.Ok(RunSummary.Of(run, log.Entries(run), from, to)));
        app.MapGet("/bus", async (IBusAdministration bus, CancellationToken cancellationToken) =>
            TypedResults.Ok(await bus.QueueStatsAsync(cancellationToken)));
    }
}
