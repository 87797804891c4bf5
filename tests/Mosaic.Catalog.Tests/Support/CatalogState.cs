using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mosaic.Catalog.Data;
using Mosaic.Catalog.Domain;
using Mosaic.Platform.Messaging;
using Mosaic.Platform.Messaging.Storage;

namespace Mosaic.Catalog.Tests.Support;

/// <summary>Reads and writes a running catalog's database, and runs its handlers as the platform does.</summary>
internal static class CatalogState
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static async Task<Guid> AddProductAsync(this CatalogFactory factory, int stock, CancellationToken cancellationToken)
    {
        factory.StartServer();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var product = Product.Create(Guid.NewGuid(), $"Test product {Guid.NewGuid():N}", "tests", null, 1000, stock);
        db.Products.Add(product);
        await db.SaveChangesAsync(cancellationToken);
        return product.Id;
    }

    public static async Task<Product> ProductAsync(this CatalogFactory factory, Guid id, CancellationToken cancellationToken)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Products.AsNoTracking().SingleAsync(p => p.Id == id, cancellationToken);
    }

    public static async Task<List<Reservation>> ReservationsAsync(this CatalogFactory factory, Guid orderId, CancellationToken cancellationToken)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Reservations.AsNoTracking()
            .Where(r => r.OrderId == orderId).OrderBy(r => r.ProductId).ToListAsync(cancellationToken);
    }

    public static async Task<List<Reservation>> ReservationsOfProductAsync(this CatalogFactory factory, Guid productId, CancellationToken cancellationToken)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Reservations.AsNoTracking()
            .Where(r => r.ProductId == productId).ToListAsync(cancellationToken);
    }

    public static async Task<int> OutboxCountAsync(this CatalogFactory factory, CancellationToken cancellationToken)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Set<OutboxMessage>().CountAsync(cancellationToken);
    }

    /// <summary>
    /// Runs the service's handler for <paramref name="integrationEvent"/> in a fresh scope and saves that scope's
    /// DbContext once afterwards, as the platform's consumer does (without the inbox row).
    /// </summary>
    public static async Task HandleAsync<TEvent>(this CatalogFactory factory, string eventType, TEvent integrationEvent, CancellationToken cancellationToken)
        where TEvent : class
    {
        factory.StartServer();
        await using var scope = factory.Services.CreateAsyncScope();
        var context = new EventContext(Guid.CreateVersion7(), EventTypeName.Parse(eventType), "orders", DateTimeOffset.UtcNow, Guid.NewGuid().ToString("N"), 1);
        await scope.ServiceProvider.GetRequiredService<IEventHandler<TEvent>>().HandleAsync(integrationEvent, context, cancellationToken);
        await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Waits until the relay has deleted a shipped event's outbox row, which it does only after the bus
    /// has confirmed the event: a subscriber may see the event a moment before that.
    /// </summary>
    public static async Task WaitShippedAsync(this CatalogFactory factory, Guid messageId, CancellationToken cancellationToken)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(Patience);
        while (true)
        {
            await using (var scope = factory.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
                if (!await db.Set<OutboxMessage>().AnyAsync(m => m.MessageId == messageId, patience.Token)) return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(20), patience.Token);
        }
    }

    /// <summary>Waits until the consumer has committed the message's effect, which it records in the inbox with it.</summary>
    public static async Task WaitHandledAsync(this CatalogFactory factory, Guid messageId, CancellationToken cancellationToken)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(Patience);
        while (true)
        {
            await using (var scope = factory.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
                if (await db.Set<InboxMessage>().AnyAsync(m => m.MessageId == messageId, patience.Token)) return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(20), patience.Token);
        }
    }
}
