using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Mosaic.Cli.Load.Recording;
using Mosaic.Cli.Load.Scenarios;
using Mosaic.Cli.Load.Scheduling;

namespace Mosaic.Cli.Load.Shop;

/// <summary>
/// Turns each arrival into one request of the scenario, picked by weight, sent as one of the pool's
/// users, and records how it ended. An order read (<c>{orderId}</c>) is sent as the order's owner;
/// until some order has been accepted such a pick falls back to the first request that needs none.
/// </summary>
public sealed class ShopTraffic : IArrivalHandler
{
    private readonly HttpClient _http;
    private readonly ShopFixture _fixture;
    private readonly Scenario _scenario;
    private readonly LoadRecorder _recorder;
    private readonly double[] _cumulativeWeights;
    private readonly int _fallback;
    private readonly List<PlacedOrder> _orders = [];
    private readonly Lock _ordersGate = new();

    public ShopTraffic(HttpClient http, ShopFixture fixture, Scenario scenario, LoadRecorder recorder)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        _http = http;
        _fixture = fixture;
        _scenario = scenario;
        _recorder = recorder;
        _cumulativeWeights = new double[scenario.Requests.Count];
        double sum = 0;
        for (var i = 0; i < scenario.Requests.Count; i++) _cumulativeWeights[i] = sum += scenario.Requests[i].Weight;
        var first = scenario.Requests.Select((r, i) => (r, i)).FirstOrDefault(x => !x.r.NeedsOrder);
        _fallback = first.r is null ? -1 : first.i;
    }

    /// <summary>Every order the gateway accepted during the run, in the order they were accepted.</summary>
    public IReadOnlyList<PlacedOrder> PlacedOrders
    {
        get
        {
            lock (_ordersGate) return [.. _orders];
        }
    }

    public void Dropped(Arrival arrival) => _recorder.Dropped(arrival.DueTimestamp);

    public async Task HandleAsync(Arrival arrival)
    {
        var index = Pick();
        PlacedOrder? order = null;
        if (_scenario.Requests[index].NeedsOrder)
        {
            order = AnyOrder();
            if (order is null)
            {
                if (_fallback < 0)
                {
                    // Nothing can be sent before an order exists; this start is lost like a dropped one.
                    _recorder.Dropped(arrival.DueTimestamp);
                    return;
                }
                index = _fallback;
            }
        }
        var spec = _scenario.Requests[index];
        var user = order?.Owner ?? _fixture.Users[(int)(arrival.Sequence % _fixture.Users.Count)];
        _recorder.Started(index, arrival.DueTimestamp);
        RequestOutcome outcome;
        string? body = null;
        try
        {
            using var request = Build(spec, user, order);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, CancellationToken.None);
            outcome = RequestOutcome.FromStatus((int)response.StatusCode, response.Headers.RetryAfter is not null);
            if (outcome.Ok && spec.RemembersOrder) body = await response.Content.ReadAsStringAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            outcome = RequestOutcome.FromException(e);
        }
        var done = Stopwatch.GetTimestamp();
        _recorder.Completed(index, arrival.DueTimestamp, done, outcome);
        if (body is not null && OrderId(body) is { } id)
            lock (_ordersGate) _orders.Add(new PlacedOrder(id, user, arrival.DueTimestamp, done));
    }

    private int Pick()
    {
        var point = Random.Shared.NextDouble() * _cumulativeWeights[^1];
        var index = Array.BinarySearch(_cumulativeWeights, point);
        return Math.Min(index < 0 ? ~index : index + 1, _cumulativeWeights.Length - 1);
    }

    private PlacedOrder? AnyOrder()
    {
        lock (_ordersGate) return _orders.Count == 0 ? null : _orders[Random.Shared.Next(_orders.Count)];
    }

    private HttpRequestMessage Build(ScenarioRequest spec, ShopUser user, PlacedOrder? order)
    {
        var request = new HttpRequestMessage(spec.Method, new Uri(_fixture.Gateway, Fill(spec.Path, order)));
        // Every request carries the user's token, anonymous ones too: the gateway then limits each user's
        // rate rather than the one address all the load comes from.
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.AccessToken);
        foreach (var (name, value) in spec.Headers) request.Headers.TryAddWithoutValidation(name, Fill(value, order));
        if (spec.Body is not null) request.Content = new StringContent(Fill(spec.Body, order), Encoding.UTF8, "application/json");
        return request;
    }

    private string Fill(string text, PlacedOrder? order)
    {
        if (!text.Contains('{', StringComparison.Ordinal)) return text;
        var products = _fixture.Products;
        return text
            .Replace(Placeholders.ProductId, products[Random.Shared.Next(products.Count)].ToString(), StringComparison.Ordinal)
            .Replace(Placeholders.OrderId, order?.Id.ToString() ?? "", StringComparison.Ordinal)
            .Replace(Placeholders.Page, (Random.Shared.Next(_fixture.CatalogPages) + 1).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace(Placeholders.Uuid, Guid.NewGuid().ToString("N"), StringComparison.Ordinal);
    }

    private static Guid? OrderId(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                   && document.RootElement.TryGetProperty("id", out var id) && id.TryGetGuid(out var guid)
                ? guid
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
