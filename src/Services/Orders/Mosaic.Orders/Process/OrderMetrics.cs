using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Mosaic.Orders.Domain;

namespace Mosaic.Orders.Process;

/// <summary>
/// Orders as <c>/metrics</c> shows them: how many were placed, how many ended and how (status and
/// reason), and how long they took from placed to that end. Recorded only once the change is
/// committed, so a save that fails and is run again is not counted twice.
/// </summary>
public sealed class OrderMetrics : IDisposable
{
    public const string MeterName = "Mosaic.Orders";

    private readonly Meter meter = new(MeterName);
    private readonly Counter<long> placed;
    private readonly Counter<long> finished;
    private readonly Histogram<double> completion;

    public OrderMetrics()
    {
        placed = meter.CreateCounter<long>("mosaic.orders.placed", description: "Orders accepted.");
        finished = meter.CreateCounter<long>("mosaic.orders.finished", description: "Orders that reached a final status, by status and cancellation reason.");
        completion = meter.CreateHistogram("mosaic.orders.completion.duration", unit: "s",
            description: "Time from an order's placement to its final status, by status.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120] });
    }

    public void Placed() => placed.Add(1);

    /// <summary>Counts an order that reached a final status; call once its change is committed.</summary>
    public void Finished(Order order)
    {
        if (!order.IsFinal) return;
        var status = order.Status.ToString();
        finished.Add(1, new KeyValuePair<string, object?>("status", status), new KeyValuePair<string, object?>("reason", order.Reason ?? "none"));
        completion.Record((order.UpdatedAt - order.CreatedAt) / 1000.0, new KeyValuePair<string, object?>("status", status));
    }

    /// <summary>
    /// Counts <paramref name="order"/> when the platform saves the handler's scope; a run whose save
    /// fails has its scope (and this subscription) thrown away.
    /// </summary>
    public void FinishedOnCommit(DbContext db, Order order)
    {
        void Saved(object? sender, SavedChangesEventArgs e)
        {
            db.SavedChanges -= Saved;
            Finished(order);
        }
        db.SavedChanges += Saved;
    }

    public void Dispose() => meter.Dispose();
}
