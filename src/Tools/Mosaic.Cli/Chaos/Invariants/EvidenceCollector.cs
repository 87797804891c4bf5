using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Mosaic.Catalog.Contracts;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Commands.Bus;
using Mosaic.Cli.Load.Shop;
using Mosaic.Cli.ServiceAccess;
using Mosaic.Payments.Contracts;
using Mosaic.PaymentProvider.Contracts;
using Mosaic.Platform.Manifest;
using Mosaic.Platform.Messaging.Transport;

namespace Mosaic.Cli.Chaos.Invariants;

/// <summary>
/// Asks the services for the evidence after a run: orders through the gateway as their owners, stock through
/// the gateway as the run's admin, the provider's ledger and payments' records on their own APIs (through
/// <see cref="ServiceApiClient"/>), outboxes from each instance's <c>/info</c>, dead letters from the bus.
/// </summary>
public sealed class EvidenceCollector(HttpClient gatewayHttp, HttpClient management, ServiceApiClient services, SystemManifest manifest, string environment)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    public async Task<AuditEvidence> CollectAsync(
        ShopFixture fixture, IReadOnlyList<PlacedOrder> placed, long unansweredOrders, TimeSpan settleBound,
        Func<CancellationToken, Task<IReadOnlyList<QueueStats>?>> queues, IReadOnlyList<QueueStats>? queuesBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        ArgumentNullException.ThrowIfNull(queues);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var orders = await new OrderSettlement(gatewayHttp, fixture.Gateway).SettleAsync(placed, settleBound, cancellationToken);
        // Messages still on their way (a refund, a release) are given what is left of the bound to arrive.
        var messaging = await DrainedOutboxesAsync(settleBound - clock.Elapsed, cancellationToken);
        var stock = await StockAsync(fixture, orders.All(o => o.IsTerminal) ? settleBound - clock.Elapsed : TimeSpan.Zero, cancellationToken);
        var ledger = await LedgerAsync([.. orders.Select(o => o.Id)], cancellationToken);
        var payments = await PaymentsAsync(fixture.AdminToken, orders.Select(o => o.Id).ToList(), cancellationToken);
        return new AuditEvidence(orders, settleBound, ledger, payments, stock, fixture.ProductStock, unansweredOrders, messaging,
            queuesBefore, await queues(cancellationToken));
    }

    private async Task<IReadOnlyList<InstanceMessaging>> DrainedOutboxesAsync(TimeSpan within, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var seen = await new MessagingProbe(management).ProbeAsync(manifest, environment, cancellationToken);
            if (seen.All(m => m.OutboxBacklog is null or 0) || DateTime.UtcNow >= deadline) return seen;
            await Task.Delay(Poll, cancellationToken);
        }
    }

    /// <summary>Each of the run's products; while units are still reserved for ended orders (a release on its way) it asks again until <paramref name="within"/>.</summary>
    private async Task<IReadOnlyList<StockLevels>> StockAsync(ShopFixture fixture, TimeSpan within, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var levels = new List<StockLevels>();
            foreach (var product in fixture.Products)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(fixture.Gateway, $"/api/catalog/admin/stock/{product}"));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.AdminToken);
                using var response = await Answer(request, "catalog, through the gateway,", cancellationToken, via: gatewayHttp);
                levels.Add((await response.Content.ReadFromJsonAsync<StockLevels>(cancellationToken))!);
            }
            if (levels.All(l => l.Reserved == 0) || DateTime.UtcNow >= deadline) return levels;
            await Task.Delay(Poll, cancellationToken);
        }
    }

    /// <summary>The provider's ledger entries of the run's orders, asked order by order (the whole ledger grows with every run).</summary>
    private async Task<IReadOnlyList<ChargeResponse>> LedgerAsync(IReadOnlyList<Guid> orders, CancellationToken cancellationToken)
    {
        var found = new List<ChargeResponse>[orders.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, orders.Count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, services.Address("payment-provider", $"/charges?reference={orders[i]}"));
            using var response = await Answer(request, "the payment provider's ledger", ct);
            found[i] = await response.Content.ReadFromJsonAsync<List<ChargeResponse>>(ct) ?? [];
        });
        return [.. found.SelectMany(f => f)];
    }

    private async Task<IReadOnlyDictionary<Guid, PaymentResponse?>> PaymentsAsync(string adminToken, IReadOnlyList<Guid> orders, CancellationToken cancellationToken)
    {
        var found = new PaymentResponse?[orders.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, orders.Count), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, services.Address("payments", $"/payments/{orders[i]}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
            using var response = await Answer(request, "payments", ct, HttpStatusCode.NotFound);
            if (response.StatusCode == HttpStatusCode.NotFound) return; // never reached payment (out of stock, or cancelled before)
            found[i] = await response.Content.ReadFromJsonAsync<PaymentResponse>(ct);
        });
        return orders.Select((id, i) => (id, found[i])).ToDictionary(x => x.id, x => x.Item2);
    }

    /// <summary>A successful (or <paramref name="alsoAccepted"/>) answer from a service's API, or a sentence saying which service failed to give one.</summary>
    private async Task<HttpResponseMessage> Answer(HttpRequestMessage request, string who, CancellationToken cancellationToken, HttpStatusCode? alsoAccepted = null, HttpClient? via = null)
    {
        HttpResponseMessage response;
        try
        {
            response = via is null ? await services.SendAsync(request, cancellationToken) : await via.SendAsync(request, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new CliException($"{who} did not answer {request.Method} {request.RequestUri?.PathAndQuery} ({e.Message}), so the invariants could not be checked: see ./mosaic status.", e);
        }
        if (response.IsSuccessStatusCode || response.StatusCode == alsoAccepted) return response;
        var status = (int)response.StatusCode;
        response.Dispose();
        throw new CliException($"{who} answered {status} to {request.Method} {request.RequestUri?.PathAndQuery}, so the invariants could not be checked: see ./mosaic status.");
    }
}
