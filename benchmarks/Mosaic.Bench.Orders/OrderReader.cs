namespace Mosaic.Bench.Orders;

/// <summary>
/// Reads every accepted order back (as its owner) until all are Confirmed or Cancelled or the time is
/// up, a second between passes. Paced by a small number of parallel reads so the gateway's per-user
/// rate limit is not what is measured; a 429 waits as the gateway asks.
/// </summary>
public static class OrderReader
{
    private const int Parallel = 8;

    public static async Task SettleAsync(Shop shop, IReadOnlyList<PlacedOrder> orders, IReadOnlyList<string> tokens, TimeSpan timeout, TextWriter progress)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        var pass = 0;
        while (true)
        {
            var open = orders.Where(o => o.Id is not null && !o.IsTerminal).ToList();
            if (open.Count == 0) return;
            if (DateTimeOffset.UtcNow > deadline)
            {
                progress.WriteLine($"  {open.Count} order(s) still not Confirmed or Cancelled after {timeout.TotalSeconds:0} s");
                return;
            }
            if (pass++ > 0)
            {
                progress.WriteLine($"  waiting for {open.Count} order(s) to finish");
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
            await System.Threading.Tasks.Parallel.ForEachAsync(open, new ParallelOptions { MaxDegreeOfParallelism = Parallel }, async (order, cancellationToken) =>
            {
                for (var attempt = 0; attempt < 10; attempt++)
                {
                    try
                    {
                        var (body, status, retryAfter) = await shop.OrderAsync(tokens[order.Customer], order.Id!.Value, cancellationToken);
                        if (body is not null) { order.Order = body; return; }
                        if (status != 429) return;
                        await Task.Delay(retryAfter ?? TimeSpan.FromSeconds(1), cancellationToken);
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
                    }
                }
            });
        }
    }
}
