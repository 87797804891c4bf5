using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Mosaic.Orders.Contracts;

namespace Mosaic.Cli.Load.Shop;

/// <summary>
/// Follows every accepted order through the gateway, as its owner, until it is Confirmed or Cancelled
/// or <c>within</c> has passed; a read that fails while services restart is tried again on the next round.
/// </summary>
public sealed class OrderSettlement(HttpClient http, Uri gateway)
{
    private static readonly TimeSpan Round = TimeSpan.FromMilliseconds(500);

    public async Task<IReadOnlyList<SettledOrder>> SettleAsync(IReadOnlyList<PlacedOrder> orders, TimeSpan within, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var latest = new Dictionary<Guid, SettledOrder>();
        var open = orders.ToList();
        var clock = Stopwatch.StartNew();
        while (open.Count > 0)
        {
            var read = new SettledOrder?[open.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, open.Count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
                async (i, ct) => read[i] = await ReadAsync(open[i], ct));
            for (var i = 0; i < open.Count; i++)
                if (read[i] is { } seen) latest[open[i].Id] = seen;
            open = [.. open.Where(o => !(latest.TryGetValue(o.Id, out var s) && s.IsTerminal))];
            if (open.Count == 0 || clock.Elapsed >= within) break;
            await Task.Delay(Round, cancellationToken);
        }
        return [.. orders.Select(o => latest.TryGetValue(o.Id, out var s) ? s : new SettledOrder(o.Id, "Unread", null, null))];
    }

    private async Task<SettledOrder?> ReadAsync(PlacedOrder order, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway, $"/api/orders/{order.Id}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", order.Owner.AccessToken);
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK) return null;
            var body = await response.Content.ReadFromJsonAsync<OrderResponse>(cancellationToken);
            if (body is null) return null;
            TimeSpan? completion = null;
            if (body.Status is "Confirmed" or "Cancelled" && body.History.Count > 0)
            {
                var clientWait = Stopwatch.GetElapsedTime(order.DueTimestamp, order.AcceptedTimestamp);
                completion = clientWait + (body.History[^1].At - body.CreatedAt);
            }
            return new SettledOrder(order.Id, body.Status, body.Reason, completion);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            if (cancellationToken.IsCancellationRequested) throw;
            return null;
        }
    }
}
