using System.Globalization;
using Mosaic.Cli.Load.Histograms;

namespace Mosaic.Bench.Orders;

/// <summary>
/// The figures of one run, over the orders due after the warm-up: how many were accepted and at what
/// rate, what became of them, and placed → Confirmed from the server's own timestamps (the order's
/// <c>createdAt</c> and the <c>at</c> of its Confirmed history entry). Human lines first, then one
/// <c>RESULT key=value ...</c> line for scripts.
/// </summary>
public static class OrderReport
{
    public static void Write(TextWriter output, OrderOptions options, OrderPlacer placer)
    {
        var inv = CultureInfo.InvariantCulture;
        var measured = placer.Orders.Where(o => o.Measured).ToList();
        var accepted = measured.Where(o => o.Id is not null).ToList();
        var confirmed = accepted.Where(o => o.CurrentStatus == "Confirmed").ToList();
        var cancelled = accepted.Where(o => o.CurrentStatus == "Cancelled").ToList();
        var unfinished = accepted.Count - confirmed.Count - cancelled.Count;

        var completion = new LatencyHistogram();
        var toAwaitingPayment = new LatencyHistogram();
        var paymentToConfirmed = new LatencyHistogram();
        var scheduleToConfirmed = new LatencyHistogram();
        var post = new LatencyHistogram();
        foreach (var order in accepted) post.Record(order.PostMicros);
        foreach (var order in confirmed)
        {
            var created = order.CreatedAt!.Value;
            var done = order.EnteredAt("Confirmed")!.Value;
            completion.Record(Micros(done - created));
            scheduleToConfirmed.Record(Micros(done - order.ScheduledAt));
            if (order.EnteredAt("AwaitingPayment") is { } awaiting)
            {
                toAwaitingPayment.Record(Micros(awaiting - created));
                paymentToConfirmed.Record(Micros(done - awaiting));
            }
        }

        var achieved = accepted.Count / options.Duration.TotalSeconds;
        output.WriteLine(string.Create(inv,
            $"order-load  {options.Gateway}: {options.Rate:0.#} orders/s for {options.Duration.TotalSeconds:0.#} s after {options.WarmUp.TotalSeconds:0.#} s warm-up; " +
            $"{options.Customers} customers, {options.Products} products of {options.Stock} units, one unit per order, paymentToken tok_ok"));
        output.WriteLine(string.Create(inv,
            $"  placing    {measured.Count} due, {accepted.Count} accepted (202): {achieved:0.0} orders/s achieved; " +
            $"statuses {string.Join(", ", measured.GroupBy(o => o.Status).OrderBy(g => g.Key).Select(g => $"{(g.Key == 0 ? "no answer" : g.Key)}: {g.Count()}"))}"));
        if (placer.Saturated) output.WriteLine("  SATURATED  more than ten seconds' worth of orders were unanswered; placing stopped early");
        if (measured.FirstOrDefault(o => o.Error is not null) is { } failed) output.WriteLine($"  first error {failed.Error}");
        var reasons = cancelled.Count == 0 ? "" : $" ({string.Join(", ", cancelled.GroupBy(o => o.Reason ?? "no reason").Select(g => $"{g.Key}: {g.Count()}"))})";
        output.WriteLine(string.Create(inv,
            $"  outcome    {confirmed.Count} Confirmed, {cancelled.Count} Cancelled{reasons}, {unfinished} not finished within {options.SettleTimeout.TotalSeconds:0} s"));
        output.WriteLine($"  placed -> Confirmed (server timestamps, ms)     {Summary(completion)}");
        output.WriteLine($"    placed -> AwaitingPayment (stock reserved)   {Summary(toAwaitingPayment)}");
        output.WriteLine($"    AwaitingPayment -> Confirmed (paid)          {Summary(paymentToConfirmed)}");
        output.WriteLine($"  due -> Confirmed (client's schedule, ms)       {Summary(scheduleToConfirmed)}");
        output.WriteLine($"  POST /api/orders from due time (ms)            {Summary(post)}");
        output.WriteLine($"  scheduler tick lateness (ms)                   {Summary(placer.TickLateness)}");
        output.WriteLine(string.Create(inv,
            $"RESULT rate={options.Rate:0.#} achieved={achieved:0.0} due={measured.Count} accepted={accepted.Count} confirmed={confirmed.Count} " +
            $"cancelled={cancelled.Count} unfinished={unfinished} saturated={(placer.Saturated ? 1 : 0)} " +
            $"p50_ms={Ms(completion.PercentileMicros(50))} p90_ms={Ms(completion.PercentileMicros(90))} p99_ms={Ms(completion.PercentileMicros(99))} " +
            $"max_ms={Ms(completion.MaxMicros)} reserve_p50_ms={Ms(toAwaitingPayment.PercentileMicros(50))} reserve_p99_ms={Ms(toAwaitingPayment.PercentileMicros(99))} " +
            $"pay_p50_ms={Ms(paymentToConfirmed.PercentileMicros(50))} pay_p99_ms={Ms(paymentToConfirmed.PercentileMicros(99))} " +
            $"post_p50_ms={Ms(post.PercentileMicros(50))} post_p99_ms={Ms(post.PercentileMicros(99))} " +
            $"due_p99_ms={Ms(scheduleToConfirmed.PercentileMicros(99))}"));
    }

    private static long Micros(TimeSpan span) => Math.Max(0, span.Ticks / 10);

    private static string Summary(LatencyHistogram h) =>
        h.Count == 0
            ? "none"
            : $"p50 {Ms(h.PercentileMicros(50))}  p90 {Ms(h.PercentileMicros(90))}  p99 {Ms(h.PercentileMicros(99))}  max {Ms(h.MaxMicros)}  (n={h.Count})";

    private static string Ms(long micros) => (micros / 1000.0).ToString("0.0", CultureInfo.InvariantCulture);
}
