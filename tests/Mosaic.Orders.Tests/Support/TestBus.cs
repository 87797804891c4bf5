using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Mosaic.Catalog.Contracts.Events;
using Mosaic.Orders.Contracts.Events;
using Mosaic.Payments.Contracts.Events;
using Mosaic.Platform.Messaging;
using Mosaic.Platform.Messaging.Embedded;
using Mosaic.Platform.Messaging.Transport;

namespace Mosaic.Orders.Tests.Support;

/// <summary>
/// Plays catalog and payments on the embedded bus file orders uses: their queues receive what orders
/// publishes, and their events are published onto the bus for orders' real consumer to handle.
/// </summary>
public sealed class TestBus : IAsyncDisposable
{
    public const string CatalogQueue = "catalog";
    public const string PaymentsQueue = "payments";
    private const string OrdersQueue = "orders";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly EmbeddedTransport transport;
    private readonly List<IAsyncDisposable> consumers = [];
    private readonly ConcurrentQueue<(string Queue, EventEnvelope Envelope)> received = new();

    private TestBus(string path) =>
        transport = new EmbeddedTransport(new EmbeddedTransportOptions { Path = path }, TimeProvider.System, $"test-bus/{Guid.NewGuid():N}", NullLogger<EmbeddedTransport>.Instance);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Declares the queues of catalog, payments and orders (so nothing published is dropped for want of a queue) and listens on the first two.</summary>
    public static async Task<TestBus> StartAsync(string path)
    {
        var bus = new TestBus(path);
        await bus.transport.DeclareQueueAsync(OrdersQueue,
            [CatalogEvents.StockReserved, CatalogEvents.StockReservationFailed, PaymentEvents.PaymentSucceeded, PaymentEvents.PaymentFailed], Cancel);
        await bus.ListenAsync(CatalogQueue, [OrderEvents.OrderPlaced, OrderEvents.OrderConfirmed, OrderEvents.OrderCancelled]);
        await bus.ListenAsync(PaymentsQueue, [OrderEvents.PaymentRequested, OrderEvents.OrderCancelled]);
        return bus;
    }

    /// <summary>Publishes <paramref name="data"/> as <paramref name="source"/> would, in the platform's envelope; returns the message id.</summary>
    public async Task<Guid> PublishAsync<T>(string eventType, T data, string source, Guid? messageId = null)
    {
        var message = TestEnvelopes.For(eventType, data, source, messageId);
        await transport.PublishAsync([message], Cancel);
        return message.MessageId;
    }

    /// <summary>Waits for an event of <paramref name="eventType"/> on <paramref name="queue"/> that <paramref name="match"/> accepts.</summary>
    public async Task<T> WaitForAsync<T>(string queue, string eventType, Func<T, bool> match)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var found = Received<T>(queue, eventType).Where(match).ToList();
            if (found.Count > 0) return found[0];
            Assert.True(DateTime.UtcNow < deadline, $"No matching {eventType} arrived on the {queue} queue.");
            await Task.Delay(20, Cancel);
        }
    }

    /// <summary>Everything of <paramref name="eventType"/> that reached <paramref name="queue"/> so far.</summary>
    public IReadOnlyList<T> Received<T>(string queue, string eventType) =>
        received.Where(r => r.Queue == queue && r.Envelope.TypeName.RoutingKey == eventType)
            .Select(r => r.Envelope.Data.Deserialize<T>(MessagingJson.Options)!)
            .ToList();

    /// <summary>Waits until catalog's and payments' queues hold nothing undelivered or unacknowledged: all that reached the bus is in <see cref="Received{T}"/>.</summary>
    public async Task DrainedAsync()
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var stats = await transport.QueueStatsAsync(Cancel);
            if (stats.Where(s => s.Queue is CatalogQueue or PaymentsQueue).All(s => s.Ready == 0 && s.InFlight == 0)) return;
            Assert.True(DateTime.UtcNow < deadline, $"The test queues did not drain: {string.Join(", ", stats)}");
            await Task.Delay(20, Cancel);
        }
    }

    /// <summary>Dead letters of orders' queue: a handler that failed for good, or a message it could not read.</summary>
    public Task<IReadOnlyList<DeadLetter>> OrdersDeadLettersAsync() => transport.DeadLettersAsync(OrdersQueue, 100, Cancel);

    public async ValueTask DisposeAsync()
    {
        foreach (var consumer in consumers) await consumer.DisposeAsync();
        await transport.DisposeAsync();
    }

    private async Task ListenAsync(string queue, string[] eventTypes)
    {
        await transport.DeclareQueueAsync(queue, eventTypes, Cancel);
        consumers.Add(await transport.ConsumeAsync(queue, (message, _) =>
        {
            received.Enqueue((queue, JsonSerializer.Deserialize<EventEnvelope>(message.Body.Span, MessagingJson.Options)!));
            return Task.FromResult(DeliveryOutcome.Ack());
        }, new ConsumerSettings { Concurrency = 1 }, Cancel));
    }
}
