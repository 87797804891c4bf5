using System.Globalization;
using System.Net;
using Mosaic.Orders.Contracts;
using Mosaic.Cli.Terminal;
using Spectre.Console;

namespace Mosaic.Cli.Commands.Demo;

/// <summary>
/// Reads an order through the gateway until it is Confirmed or Cancelled or the bound passes, printing each
/// status change as it is first seen, with the trace id of the read that saw it.
/// </summary>
public sealed class OrderFollower(GatewayClient client, ConsoleOutput output, OrderWatch watch, TimeProvider time)
{
    public async Task<FollowedOrder> FollowAsync(DemoOrder order, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        var deadline = time.GetUtcNow() + watch.Bound;
        var shortId = id.ToString("N")[^8..];
        var seen = new List<OrderStatusChange>();
        while (true)
        {
            var path = $"/api/orders/{id}";
            var (call, current) = await client.SendAsync<OrderResponse>(HttpMethod.Get, path, null, cancellationToken);
            if (call.Status != HttpStatusCode.OK || current is null)
                throw new DemoStepFailedException(
                    $"Reading order {id} (GET {path}) answered {(int)call.Status} {call.Status}{(call.Problem is { Length: > 0 } p ? $": {p}" : "")} (find it in the logs by {DemoSteps.Trace(call)}).");

            foreach (var change in NewChanges(current, seen))
            {
                seen.Add(change);
                var after = (change.At - current.CreatedAt).TotalSeconds;
                output.Markup($"   order {shortId} -> {Status(change.Status)}{Reason(change.Reason)} after {Math.Max(0, after).ToString("0.00", CultureInfo.InvariantCulture)} s [grey]({Markup.Escape(DemoSteps.Trace(call))})[/]");
            }

            if (current.Status is OrderStatuses.Confirmed or OrderStatuses.Cancelled)
            {
                var ended = current.History.LastOrDefault(h => h.Status == current.Status)?.At ?? current.UpdatedAt;
                return new FollowedOrder(order, id, current, ended - current.CreatedAt);
            }
            if (time.GetUtcNow() >= deadline) return new FollowedOrder(order, id, current, null);
            await Task.Delay(watch.PollInterval, time, cancellationToken);
        }
    }

    /// <summary>
    /// The steps not printed yet: from the order's history, which also holds steps that came and went
    /// between two reads; from its status alone if the history is empty.
    /// </summary>
    private static IEnumerable<OrderStatusChange> NewChanges(OrderResponse current, List<OrderStatusChange> seen)
    {
        if (current.History is { Count: > 0 } history) return history.Skip(seen.Count);
        return seen.Count > 0 && seen[^1].Status == current.Status && seen[^1].Reason == current.Reason
            ? []
            : [new OrderStatusChange(current.Status, current.Reason, current.UpdatedAt)];
    }

    public static string Status(string status) => status switch
    {
        OrderStatuses.Confirmed => $"[green]{Markup.Escape(status)}[/]",
        OrderStatuses.Cancelled => $"[red]{Markup.Escape(status)}[/]",
        _ => $"[yellow]{Markup.Escape(status)}[/]",
    };

    private static string Reason(string? reason) => reason is null ? "" : $" ({Markup.Escape(reason)})";
}
