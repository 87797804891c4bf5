using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Mosaic.Catalog.Contracts.Events;
using Mosaic.Orders.Contracts.Events;
using Mosaic.Platform.Messaging;
using Mosaic.Platform.Messaging.Embedded;
using Mosaic.Platform.Messaging.Transport;

namespace Mosaic.Catalog.Tests.Support;

/// <summary>
/// Stands where orders stands on the catalog's embedded bus: publishes order events onto it as
/// orders' relay would, and receives what catalog publishes on a queue of its own.
/// </summary>
internal sealed class BusObserver : IAsyncDisposable
{
    private const string Queue = "catalog-tests-observer";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly EmbeddedTransport transport;
    private readonly Channel<EventEnvelope> received = Channel.CreateUnbounded<EventEnvelope>();
    private IAsyncDisposable? consumer;

    private BusObserver(EmbeddedTransport transport) => this.transport = transport;

    /// <summary>
    /// Binds the observer's queue to catalog's events, and catalog's own queue to the order events,
    /// so that nothing published from here on is dropped while catalog's consumer is still starting.
    /// </summary>
    public static async Task<BusObserver> StartAsync(string stateDirectory, CancellationToken cancellationToken)
    {
        var transport = new EmbeddedTransport(
            new EmbeddedTransportOptions { Path = TransportFactory.DefaultEmbeddedPath(stateDirectory) },
            TimeProvider.System,
            $"catalog-tests/{Guid.NewGuid():N}",
            NullLogger<EmbeddedTransport>.Instance);
        var observer = new BusObserver(transport);
        await transport.DeclareQueueAsync("catalog", [OrderEvents.OrderPlaced, OrderEvents.OrderCancelled, OrderEvents.OrderConfirmed], cancellationToken);
        await transport.DeclareQueueAsync(Queue, [CatalogEvents.StockReserved, CatalogEvents.StockReservationFailed], cancellationToken);
        observer.consumer = await transport.ConsumeAsync(Queue, observer.ReceiveAsync, new ConsumerSettings { Concurrency = 1 }, cancellationToken);
        return observer;
    }

    /// <summary>An envelope as orders' outbox would write it.</summary>
    public static EventEnvelope Envelope<TEvent>(string eventType, TEvent data, string? correlationId = null) =>
        TestEnvelopes.Envelope(eventType, data, source: "orders", correlationId: correlationId);

    /// <summary>Puts the envelopes on the bus in one batch, as orders' outbox relay would.</summary>
    public Task PublishAsync(IEnumerable<EventEnvelope> envelopes, CancellationToken cancellationToken) =>
        transport.PublishAsync(envelopes.Select(TestEnvelopes.Message).ToList(), cancellationToken);

    /// <summary>Publishes one event; returns its envelope.</summary>
    public async Task<EventEnvelope> PublishAsync<TEvent>(string eventType, TEvent data, CancellationToken cancellationToken)
    {
        var envelope = Envelope(eventType, data);
        await PublishAsync([envelope], cancellationToken);
        return envelope;
    }

    /// <summary>The next event catalog published.</summary>
    public async Task<EventEnvelope> NextAsync(CancellationToken cancellationToken) =>
        await received.Reader.ReadAsync(cancellationToken).AsTask().WaitAsync(Patience, cancellationToken);

    public async Task<IReadOnlyList<EventEnvelope>> NextAsync(int count, CancellationToken cancellationToken)
    {
        var envelopes = new List<EventEnvelope>(count);
        while (envelopes.Count < count) envelopes.Add(await NextAsync(cancellationToken));
        return envelopes;
    }

    /// <summary>Whether any catalog event reached the bus and has not yet been taken by <see cref="NextAsync(CancellationToken)"/>.</summary>
    public async Task<bool> AnyArrivedAsync(CancellationToken cancellationToken)
    {
        var stats = await transport.QueueStatsAsync(cancellationToken);
        var waiting = stats.Where(s => s.Queue == Queue).Sum(s => s.Ready + s.InFlight);
        return waiting > 0 || received.Reader.Count > 0;
    }

    public static T Data<T>(EventEnvelope envelope) => envelope.Data.Deserialize<T>(MessagingJson.Options)!;

    private Task<DeliveryOutcome> ReceiveAsync(IncomingMessage message, CancellationToken cancellationToken)
    {
        received.Writer.TryWrite(JsonSerializer.Deserialize<EventEnvelope>(message.Body.Span, MessagingJson.Options)!);
        return Task.FromResult(DeliveryOutcome.Ack());
    }

    public async ValueTask DisposeAsync()
    {
        if (consumer is not null) await consumer.DisposeAsync();
        await transport.DisposeAsync();
    }
}
