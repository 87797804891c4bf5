using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Mosaic.Orders.Contracts;
using Mosaic.Orders.Data;
using Mosaic.Orders.Domain;
using Mosaic.Orders.Idempotency;
using Mosaic.Orders.Pricing;
using Mosaic.Orders.Process;
using Mosaic.Platform.Messaging;
using Mosaic.Platform.Problems;

namespace Mosaic.Orders.Api;

/// <summary>
/// POST /orders: accepts an order priced by catalog now, and starts its process (202). Stock is not
/// checked here: catalog decides when it reserves, and the order is cancelled (out-of-stock) if it
/// cannot. The <c>Idempotency-Key</c> header makes retries safe: the same key with the same request
/// answers with the order it created; with a different request, 422.
/// </summary>
internal static partial class PlaceOrder
{
    /// <summary>How long a client is asked to wait before retrying when catalog cannot price the order.</summary>
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/orders", Handle).WithName("PlaceOrder").RequireAuthorization();

    private static async Task<IResult> Handle(
        PlaceOrderRequest request,
        OrdersDbContext db,
        CatalogPrices catalog,
        IEventBus bus,
        TimeProvider time,
        OrderMetrics metrics,
        HttpContext context,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (Customer.IdOf(context.User) is not { } customerId) return Customer.NoSubject();
        if (IdempotencyKey.Read(context.Request.Headers[IdempotencyKey.Header], out var keyError) is not { } key)
            return InvalidHeader(keyError!);
        if (Validate(request) is { } invalid) return invalid;

        var lines = request.Items!.Select(i => (ProductId: i.ProductId!.Value, Quantity: i.Quantity!.Value)).ToList();
        var fingerprint = RequestFingerprint.Of(lines, request.PaymentToken!);
        if (await FindAsync(db, customerId, key, cancellationToken) is { } earlier) return Repeat(earlier, fingerprint);

        IReadOnlyDictionary<Guid, long> prices;
        try
        {
            prices = await catalog.LookupAsync(lines.Select(l => l.ProductId).ToList(), cancellationToken);
        }
        catch (CatalogUnavailableException e)
        {
            LogCatalogUnavailable(loggers.CreateLogger(typeof(PlaceOrder)), e);
            context.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return Results.Problem(
                title: "Catalog unavailable",
                detail: "The order could not be priced because catalog is not answering. Nothing was placed; retry with the same Idempotency-Key.",
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        for (var i = 0; i < lines.Count; i++)
        {
            if (!prices.ContainsKey(lines[i].ProductId))
                return Problem.Invalid($"items[{i}].productId", $"There is no product with id {lines[i].ProductId}.");
        }

        var now = time.GetUtcNow();
        var (order, placed) = Order.Place(
            Guid.CreateVersion7(now),
            customerId,
            lines.Select(l => new OrderItem(l.ProductId, l.Quantity, prices[l.ProductId])).ToList(),
            request.PaymentToken!,
            now);
        db.Orders.Add(order);
        db.IdempotencyRecords.Add(new IdempotencyRecord(customerId, key, fingerprint, order.Id, now.ToUnixTimeMilliseconds()));
        bus.Publish(placed);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent request with the same key committed first (the key is unique per customer):
            // answer as a repeat of that one. Anything else that failed the save is a real error.
            db.ChangeTracker.Clear();
            if (await FindAsync(db, customerId, key, cancellationToken) is not { } winner) throw;
            return Repeat(winner, fingerprint);
        }

        metrics.Placed();
        return Accepted(order.Id);
    }

    /// <summary>What validation attributes cannot say: a null line, or one product on two lines.</summary>
    private static IResult? Validate(PlaceOrderRequest request)
    {
        var items = request.Items!;
        var seen = new Dictionary<Guid, int>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not { ProductId: { } productId })
                return Problem.Invalid($"items[{i}]", "Each item is an object with a productId and a quantity.");
            if (!seen.TryAdd(productId, i))
                return Problem.Invalid($"items[{i}].productId", $"Product {productId} is already on items[{seen[productId]}]: order it once, with the total quantity.");
        }
        return null;
    }

    private static Task<IdempotencyRecord?> FindAsync(OrdersDbContext db, Guid customerId, string key, CancellationToken cancellationToken) =>
        OrderQueries.IdempotencyRecord(db, customerId, key, cancellationToken);

    private static IResult Repeat(IdempotencyRecord earlier, string fingerprint) =>
        earlier.RequestFingerprint == fingerprint
            ? Accepted(earlier.OrderId)
            : Results.Problem(
                title: "Idempotency-Key reused",
                detail: $"This Idempotency-Key was already used for a different request (it placed order {earlier.OrderId}). Use a new key for a new order.",
                statusCode: StatusCodes.Status422UnprocessableEntity);

    /// <summary>The answer to the request that placed the order, repeated as it was for every retry of that request.</summary>
    private static IResult Accepted(Guid orderId) =>
        Results.Accepted(OrderMapping.Location(orderId), new OrderAccepted(orderId, OrderStatuses.Pending));

    /// <summary>
    /// A 400 shaped like every validation problem, keyed by the header's own name (the platform
    /// camel-cases validation keys, which suits JSON fields but would misname a header).
    /// </summary>
    private static IResult InvalidHeader(string message) =>
        Results.Problem(
            title: "Invalid request",
            detail: message,
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [IdempotencyKey.Header] = [message] } });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not price an order: catalog is unavailable")]
    private static partial void LogCatalogUnavailable(ILogger logger, Exception exception);
}
