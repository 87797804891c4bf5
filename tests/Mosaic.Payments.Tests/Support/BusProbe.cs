using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Mosaic.Orders.Contracts.Events;
using Mosaic.Payments.Contracts.Events;
using Mosaic.Platform.Messaging;
using Mosaic.Platform.Messaging.Embedded;
using Mosaic.Platform.Messaging.Transport;

namespace Mosaic.Payments.Tests.Support;

/// <summary>
/// Another process on the environment's embedded bus: it plays orders, publishing what orders
/// publishes and receiving what payments publishes to it.
/// </summary>
internal sealed class BusProbe : IAsyncDisposable
{
    public const string OrdersQueue = "orders";

    private readonly EmbeddedTransport transport;
    private readonly ConcurrentQueue<EventEnvelope> received = new();
    private IAsyncDisposable? consumer;

    private BusProbe(string busPath)
    {
        transport = new EmbeddedTransport(new EmbeddedTransportOptions { Path = busPath }, TimeProvider.System, $"probe/{Guid.NewGuid():N}", NullLogger<EmbeddedTransport>.Instance);
    }

    public IReadOnlyCollection<EventEnvelope> Received => received;

    /// <summary>
    /// Declares orders' queue (for payments' events) and payments' own (so nothing published to it
    /// before payments' consumer has declared it is dropped as unroutable), and listens on the first.
    /// </summary>
    public static async Task<BusProbe> StartAsync(string busPath)
    {
        var probe = new BusProbe(busPath);
        var cancel = TestContext.Current.CancellationToken;
        await probe.transport.DeclareQueueAsync(OrdersQueue, [PaymentEvents.PaymentSucceeded, PaymentEvents.PaymentFailed], cancel);
        await probe.transport.DeclareQueueAsync("payments", [OrderEvents.PaymentRequested, OrderEvents.OrderCancelled], cancel);
        probe.consumer = await probe.transport.ConsumeAsync(OrdersQueue, (message, _) =>
        {
            probe.received.Enqueue(JsonSerializer.Deserialize<EventEnvelope>(message.Body.Span, MessagingJson.Options)!);
            return Task.FromResult(DeliveryOutcome.Ack());
        }, new ConsumerSettings { Concurrency = 1 }, cancel);
        return probe;
    }

    public IReadOnlyList<T> Events<T>(string eventType) =>
        received.Where(e => e.TypeName.RoutingKey == eventType).Select(e => e.Data.Deserialize<T>(MessagingJson.Options)!).ToList();

    /// <summary>Publishes <paramref name="data"/> as orders would; the returned message can be published again to play a redelivery.</summary>
    public async Task<OutgoingMessage> PublishAsync<T>(string eventType, T data, OutgoingMessage? again = null)
    {
        var message = again ?? TestEnvelopes.For(eventType, data, source: "orders");
        await transport.PublishAsync([message], TestContext.Current.CancellationToken);
        return message;
    }

    public async ValueTask DisposeAsync()
    {
        if (consumer is not null) await consumer.DisposeAsync();
        await transport.DisposeAsync();
    }
}
