using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mosaic.Cli.Tests.Support;

/// <summary>One step an order of the fake shop goes through; <see cref="Reason"/> only for Cancelled.</summary>
internal sealed record FakeStep(string Status, string? Reason = null);

/// <summary>
/// A gateway on a real port in front of a pretend shop: one customer, one product, and orders that move one
/// step further each time they are read, the way the real order process moves while a client polls it.
/// Every answer carries a trace id, like the real gateway.
/// </summary>
internal sealed class FakeGateway : IDisposable
{
    public static readonly Guid ProductId = Guid.Parse("ca7a1000-0000-4000-8000-000000000001");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, FakeOrder> _orders = [];
    private readonly Func<string, int, int, IReadOnlyList<FakeStep>> _script;
    private int _traces;
    private int _pendingRelease;
    private bool _releaseDue;

    /// <param name="script">The steps an order takes after Pending, from its payment token, quantity and the stock when it was placed.</param>
    public FakeGateway(int available, Func<string, int, int, IReadOnlyList<FakeStep>>? script = null)
    {
        Available = available;
        _script = script ?? RealisticSteps;
        Port = FreePort.Next();
        Url = $"http://127.0.0.1:{Port}";
        _listener.Prefixes.Add(Url + "/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Url { get; }

    public int Available { get; private set; }

    /// <summary>When false, a cancelled order's reserved stock is never given back (a catalog that lost the event).</summary>
    public bool ReleasesStock { get; init; } = true;

    /// <summary>What <c>POST /api/orders</c> answers instead of 202, when set.</summary>
    public HttpStatusCode? PlaceOrderAnswer { get; init; }

    public ConcurrentQueue<(string? IdempotencyKey, string? Authorization, JsonNode Body)> PlacedOrders { get; } = new();

    /// <summary>The steps of the real process: out of stock at once, else reserve, then the payment decides.</summary>
    public static IReadOnlyList<FakeStep> RealisticSteps(string token, int quantity, int available) =>
        quantity > available
            ? [new("Cancelled", "out-of-stock")]
            : token == "tok_declined"
                ? [new("AwaitingPayment"), new("Cancelled", "payment-declined")]
                : [new("AwaitingPayment"), new("Confirmed")];

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return; // stopped
            }
            var request = context.Request;
            string body;
            using (var reader = new StreamReader(request.InputStream, Encoding.UTF8)) body = await reader.ReadToEndAsync();
            var (status, answer, location) = Answer(request.HttpMethod, request.Url!.AbsolutePath, request.Headers, body);
            context.Response.StatusCode = (int)status;
            context.Response.ContentType = status < HttpStatusCode.BadRequest ? "application/json" : "application/problem+json";
            context.Response.Headers["X-Trace-Id"] = $"trace-{Interlocked.Increment(ref _traces).ToString("0000", CultureInfo.InvariantCulture)}";
            if (location is not null) context.Response.Headers["Location"] = location;
            var bytes = Encoding.UTF8.GetBytes(answer);
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    private (HttpStatusCode, string, string?) Answer(string method, string path, System.Collections.Specialized.NameValueCollection headers, string body)
    {
        lock (_gate)
        {
            var user = new { id = Guid.NewGuid(), email = "shopper@example.com", displayName = "Demo shopper", role = "customer", createdAt = DateTimeOffset.UtcNow };
            return (method, path) switch
            {
                ("POST", "/api/identity/register") => (HttpStatusCode.Created, Serialize(user), null),
                ("POST", "/api/identity/login") => (HttpStatusCode.OK, Serialize(new { accessToken = "token-1", tokenType = "Bearer", expiresIn = 900 }), null),
                ("GET", "/api/identity/me") => (HttpStatusCode.OK, Serialize(user), null),
                ("GET", "/api/catalog/products") => (HttpStatusCode.OK, Serialize(new { items = new[] { Product() }, page = 1, pageSize = 8, total = 1 }), null),
                ("GET", var p) when p == $"/api/catalog/products/{ProductId}" => (HttpStatusCode.OK, Serialize(ReadProduct()), null),
                ("POST", "/api/orders") => Place(headers, body),
                ("GET", var p) when p.StartsWith("/api/orders/", StringComparison.Ordinal) && Guid.TryParse(p["/api/orders/".Length..], out var id) && _orders.TryGetValue(id, out var order)
                    => (HttpStatusCode.OK, Serialize(Advance(order)), null),
                _ => (HttpStatusCode.NotFound, """{"title":"Not Found"}""", null),
            };
        }
    }

    private object Product() => new { id = ProductId, name = "The Pragmatic Programmer", category = "books", description = "A classic.", price = 42.99m, available = Available };

    /// <summary>Catalog hears of a cancellation a moment after the order says so: the stock comes back one read later.</summary>
    private object ReadProduct()
    {
        if (ReleasesStock && _pendingRelease > 0)
        {
            if (_releaseDue)
            {
                Available += _pendingRelease;
                _pendingRelease = 0;
                _releaseDue = false;
            }
            else
            {
                _releaseDue = true;
            }
        }
        return Product();
    }

    private (HttpStatusCode, string, string?) Place(System.Collections.Specialized.NameValueCollection headers, string body)
    {
        var request = JsonNode.Parse(body)!;
        PlacedOrders.Enqueue((headers["Idempotency-Key"], headers["Authorization"], request));
        if (PlaceOrderAnswer is { } answer) return (answer, """{"title":"Catalog unavailable","detail":"Retry with the same Idempotency-Key."}""", null);
        var item = request["items"]![0]!;
        var quantity = item["quantity"]!.GetValue<int>();
        var order = new FakeOrder(Guid.CreateVersion7(), quantity, item["productId"]!.GetValue<Guid>(), _script(request["paymentToken"]!.GetValue<string>(), quantity, Available));
        order.History.Add(new FakeStep("Pending"));
        order.At.Add(DateTimeOffset.UtcNow);
        _orders[order.Id] = order;
        return (HttpStatusCode.Accepted, Serialize(new { id = order.Id, status = "Pending" }), $"/api/orders/{order.Id}");
    }

    private object Advance(FakeOrder order)
    {
        if (order.Next < order.Steps.Count)
        {
            var step = order.Steps[order.Next++];
            if (step.Status == "AwaitingPayment")
            {
                Available -= order.Quantity;
                order.Reserved = true;
            }
            if (step.Status == "Cancelled" && order.Reserved) _pendingRelease += order.Quantity;
            order.History.Add(step);
            order.At.Add(DateTimeOffset.UtcNow);
        }
        var current = order.History[^1];
        return new
        {
            id = order.Id,
            status = current.Status,
            reason = current.Reason,
            items = new[] { new { productId = order.ProductId, quantity = order.Quantity, unitPrice = 42.99m, lineTotal = 42.99m * order.Quantity } },
            total = 42.99m * order.Quantity,
            createdAt = order.At[0],
            updatedAt = order.At[^1],
            history = order.History.Select((h, i) => new { status = h.Status, reason = h.Reason, at = order.At[i] }),
        };
    }

    private static string Serialize(object value) => JsonSerializer.Serialize(value, Json);

    private sealed class FakeOrder(Guid id, int quantity, Guid productId, IReadOnlyList<FakeStep> steps)
    {
        public Guid Id { get; } = id;
        public int Quantity { get; } = quantity;
        public Guid ProductId { get; } = productId;
        public IReadOnlyList<FakeStep> Steps { get; } = steps;
        public List<FakeStep> History { get; } = [];
        public List<DateTimeOffset> At { get; } = [];
        public int Next { get; set; }
        public bool Reserved { get; set; }
    }
}
