using System.Globalization;
using System.Net;
using Mosaic.Catalog.Contracts;
using Mosaic.Orders.Contracts;
using Mosaic.Orders.Contracts.Events;
using Spectre.Console;

namespace Mosaic.Cli.Commands.Demo;

/// <summary>
/// The shopper's orders, one after the other so each story reads on its own: one paid with a card that
/// works (Confirmed), one with a card that is declined (Cancelled, and its reserved stock comes back), and
/// one for more than there is (Cancelled, out-of-stock). Then a table of how each ended and how long it took.
/// </summary>
public sealed class OrderJourney(GatewayClient client, DemoSteps steps, OrderWatch watch, TimeProvider time)
{
    public const string PaymentOk = "tok_ok";
    public const string PaymentDeclined = "tok_declined";

    public async Task RunAsync(IReadOnlyList<ProductResponse> products, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(products);
        var output = steps.Output;
        // Two units for the first two orders, and room to ask for one more than is left within an order's limit.
        var product = products.FirstOrDefault(p => p.Available >= 2 && p.Available <= OrderLimits.MaxQuantity)
            ?? throw new DemoStepFailedException(
                $"No product the shopper saw has between 2 and {OrderLimits.MaxQuantity} available, so the orders cannot be shown: restock one (as an admin, PUT /api/catalog/products/ID) and run the demo again.");
        output.Line($"The shopper orders '{product.Name}' ({product.Available} available), three times:");

        var follower = new OrderFollower(client, output, watch, time);
        var followed = new List<FollowedOrder>();
        var problems = new List<string>();

        var paid = await PlaceAndFollowAsync(follower, new DemoOrder("paid with tok_ok", product.Id, 1, PaymentOk, OrderStatuses.Confirmed, null), cancellationToken);
        followed.Add(paid);

        if (paid.IsTerminal)
        {
            var before = await AvailableAsync(product, "Look at the stock before the declined order", cancellationToken);
            var declined = await PlaceAndFollowAsync(follower,
                new DemoOrder("paid with tok_declined", product.Id, 1, PaymentDeclined, OrderStatuses.Cancelled, CancellationReasons.PaymentDeclined), cancellationToken);
            followed.Add(declined);

            if (declined.IsTerminal)
            {
                var after = await StockBackAsync(product, before, cancellationToken);
                if (after != before)
                    problems.Add($"'{product.Name}' still has {after} available {watch.Bound.TotalSeconds:0} s after the declined order was cancelled, not the {before} it had before: its reservation was not released (look at catalog's log for order {declined.Id}; other shoppers' orders change it too).");

                var tooMany = await PlaceAndFollowAsync(follower,
                    new DemoOrder($"{after + 1} of {after} available", product.Id, after + 1, PaymentOk, OrderStatuses.Cancelled, CancellationReasons.OutOfStock), cancellationToken);
                followed.Add(tooMany);
            }
        }

        output.Write(Summary(followed));
        if (followed.FirstOrDefault(f => !f.IsTerminal) is { } stuck)
            problems.Insert(0,
                $"Order {stuck.Id} ({stuck.Order.Label}) is still {stuck.Last.Status} after {watch.Bound.TotalSeconds:0} s: the order process is stuck or slow; look at ./mosaic bus stats for a backlog or dead letters and at ./mosaic status (or allow more time with --order-timeout).");
        foreach (var wrong in followed.Where(f => f.IsTerminal && !f.EndedAsExpected))
            problems.Add(
                $"Order {wrong.Id} ({wrong.Order.Label}) ended {Outcome(wrong.Last)} instead of {wrong.Order.ExpectedStatus}{(wrong.Order.ExpectedReason is { } r ? $" ({r})" : "")}: look for the order's id in the orders, catalog and payments logs.");
        if (problems.Count > 0) throw new DemoStepFailedException(string.Join(" ", problems));
    }

    private async Task<FollowedOrder> PlaceAndFollowAsync(OrderFollower follower, DemoOrder order, CancellationToken cancellationToken)
    {
        var request = new PlaceOrderRequest
        {
            Items = [new OrderItemRequest { ProductId = order.ProductId, Quantity = order.Quantity }],
            PaymentToken = order.PaymentToken,
        };
        // A fresh key per order: the same key would give back the first order instead of placing a new one.
        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { [OrderLimits.IdempotencyKeyHeader] = Guid.NewGuid().ToString() };
        var (call, accepted) = await client.SendAsync<OrderAccepted>(HttpMethod.Post, "/api/orders", request, headers, cancellationToken);
        steps.Report($"Place an order, {order.Label}", call, HttpStatusCode.Accepted, $"order {accepted?.Id} is {accepted?.Status}");
        if (accepted is null) throw new DemoStepFailedException($"Placing the order {order.Label} answered 202 without the order's id (find it in the logs by {DemoSteps.Trace(call)}).");
        return await follower.FollowAsync(order, accepted.Id, cancellationToken);
    }

    private async Task<int> AvailableAsync(ProductResponse product, string title, CancellationToken cancellationToken)
    {
        var (call, current) = await client.SendAsync<ProductResponse>(HttpMethod.Get, $"/api/catalog/products/{product.Id}", null, cancellationToken);
        steps.Report(title, call, HttpStatusCode.OK, $"{current?.Available} available");
        return current!.Available;
    }

    /// <summary>
    /// Catalog releases a cancelled order's reservation when the cancellation reaches it over the bus, a
    /// moment after the order says Cancelled: read the product until it is back or the bound passes.
    /// </summary>
    private async Task<int> StockBackAsync(ProductResponse product, int before, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + watch.Bound;
        var path = $"/api/catalog/products/{product.Id}";
        while (true)
        {
            var (call, current) = await client.SendAsync<ProductResponse>(HttpMethod.Get, path, null, cancellationToken);
            var back = call.Status == HttpStatusCode.OK && current is not null && current.Available == before;
            if (back || call.Status != HttpStatusCode.OK || time.GetUtcNow() >= deadline)
            {
                var outcome = back ? $"{current!.Available} available, back to what it was: the declined order's reservation was released"
                    : $"{current?.Available} available, not yet back to {before}";
                steps.Report("Look at the stock after the declined order", call, HttpStatusCode.OK, outcome);
                return current!.Available;
            }
            await Task.Delay(watch.PollInterval, time, cancellationToken);
        }
    }

    private Table Summary(IEnumerable<FollowedOrder> followed)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("order", "id", "outcome", "reason", "time to terminal");
        table.Columns[4].RightAligned();
        foreach (var f in followed)
        {
            table.AddRow(
                Markup.Escape(f.Order.Label),
                Markup.Escape(f.ShortId),
                f.IsTerminal ? OrderFollower.Status(f.Last.Status) : $"[yellow]still {Markup.Escape(f.Last.Status)}[/]",
                Markup.Escape(f.Last.Reason ?? "-"),
                f.TimeToTerminal is { } t
                    ? $"{t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s"
                    : $"not within {watch.Bound.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s");
        }
        return table;
    }

    private static string Outcome(OrderResponse order) => order.Reason is null ? order.Status : $"{order.Status} ({order.Reason})";
}
