using System.Globalization;
using System.Text;

namespace Mosaic.Platform.Messaging.RabbitMq;

/// <summary>The headers Mosaic puts on a message, and reading header values whatever AMQP type they arrived as.</summary>
internal static class MessageHeaders
{
    /// <summary>The delivery number this copy starts at: 1 when published, the next attempt on a retry copy.</summary>
    public const string Attempt = "x-mosaic-attempt";

    /// <summary>The event's routing key, on copies sent straight to a queue (retries, redriven letters), whose own routing key is the queue's name.</summary>
    public const string RoutingKey = "x-mosaic-routing-key";

    /// <summary>Set by quorum queues: how many times this copy was delivered before and given back (consumer gone, nack).</summary>
    public const string DeliveryCount = "x-delivery-count";

    public const string LetterId = "x-mosaic-letter-id";
    public const string Queue = "x-mosaic-queue";
    public const string Error = "x-mosaic-error";
    public const string Attempts = "x-mosaic-attempts";
    public const string DeadLetteredAt = "x-mosaic-dead-lettered-at";

    public static string? String(IDictionary<string, object?>? headers, string name) =>
        headers is not null && headers.TryGetValue(name, out var value) ? value switch
        {
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            string text => text,
            null => null,
            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
        } : null;

    public static long? Number(IDictionary<string, object?>? headers, string name) =>
        headers is not null && headers.TryGetValue(name, out var value) ? value switch
        {
            int i => i,
            long l => l,
            short s => s,
            byte b => b,
            sbyte sb => sb,
            uint ui => ui,
            ushort us => us,
            byte[] bytes when long.TryParse(Encoding.UTF8.GetString(bytes), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        } : null;
}
