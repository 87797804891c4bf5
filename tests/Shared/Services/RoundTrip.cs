using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.Extensions.DependencyInjection;
using Mosaic.Platform.Messaging.Storage;

namespace Mosaic.Tests.Shared;

/// <summary>
/// Writes rows through a running service's DbContext and reads each one back in a fresh one: every
/// mapped column must come back as it went in (a type the database narrows, rounds or refuses fails here).
/// </summary>
public static class RoundTrip
{
    /// <summary>Saves what <paramref name="add"/> adds (children included) and fails on any row or column read back differently.</summary>
    public static async Task AssertReadBackAsWrittenAsync<TContext>(IServiceProvider services, Action<TContext> add, CancellationToken cancellationToken)
        where TContext : DbContext
    {
        List<(Type Type, object?[] Key, List<string> Values)> written;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            add(db);
            await db.SaveChangesAsync(cancellationToken);
            written = db.ChangeTracker.Entries()
                .Select(e => (e.Metadata.ClrType, e.Metadata.FindPrimaryKey()!.Properties.Select(p => e.Property(p.Name).CurrentValue).ToArray(), Values(e)))
                .ToList();
        }
        Assert.NotEmpty(written);

        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            foreach (var (type, key, values) in written)
            {
                var stored = await db.FindAsync(type, key, cancellationToken);
                Assert.True(stored is not null, $"The {type.Name} with key {string.Join(", ", key)} was not read back.");
                Assert.Equal(values, Values(db.Entry(stored)));
            }
        }
    }

    /// <summary>
    /// An outbox row (leased far ahead, so the service's relay leaves it alone) and an inbox row, for
    /// services that keep the messaging tables.
    /// </summary>
    public static void AddMessagingRows(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        db.Set<OutboxMessage>().Add(new OutboxMessage
        {
            MessageId = Guid.NewGuid(),
            RoutingKey = "tests.round-trip.v1",
            Envelope = """{"data":{"text":"Grüße, 世界"}}""",
            CreatedAt = now,
            LeaseOwner = "round-trip-test",
            LeaseUntil = now + (long)TimeSpan.FromDays(1).TotalMilliseconds,
        });
        db.Set<InboxMessage>().Add(new InboxMessage { MessageId = Guid.NewGuid(), RoutingKey = "tests.round-trip.v1", HandledAt = now });
    }

    private static List<string> Values(EntityEntry entry) =>
        [.. entry.Properties.Select(p => $"{entry.Metadata.ClrType.Name}.{p.Metadata.Name}={Format(p.CurrentValue)}")];

    private static string Format(object? value) => value switch
    {
        null => "null",
        DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
