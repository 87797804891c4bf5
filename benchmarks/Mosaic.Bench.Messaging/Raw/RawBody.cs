using System.Buffers.Binary;
using System.Diagnostics;
using System.Text.Json;
using Mosaic.Platform.Messaging;

namespace Mosaic.Bench.Messaging.Raw;

/// <summary>
/// The baseline's message body: a small binary header (when it was sent and when it was due, as
/// <see cref="Stopwatch"/> timestamps — publisher and consumer share the process — its sequence number
/// and whether it is measured), padded to the size of the envelope Mosaic sends for the same event, so
/// both paths move the same bytes. The consumer reads the header only, as a plain client would.
/// </summary>
internal static class RawBody
{
    private const int HeaderBytes = 25;

    /// <summary>
    /// The size of the JSON envelope the publisher role's outbox ships for a <see cref="BenchEvent"/> with
    /// <paramref name="paddingBytes"/> of padding, built the way the outbox builds it (a trace context and
    /// correlation id included, as in a request).
    /// </summary>
    public static int MosaicEnvelopeBytes(int paddingBytes)
    {
        var now = DateTimeOffset.UtcNow;
        var name = EventTypeName.Parse(BenchEvents.Published);
        var trace = ActivityTraceId.CreateRandom();
        var envelope = new EventEnvelope
        {
            Id = Guid.CreateVersion7(now),
            Type = name.Type,
            Version = name.Version,
            Source = "bench-publisher",
            Time = now,
            TraceParent = $"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01",
            CorrelationId = trace.ToHexString(),
            Data = JsonSerializer.SerializeToElement(
                new BenchEvent("r2-throughput", 123_456, true, now, new string('x', paddingBytes)), MessagingJson.Options),
        };
        return JsonSerializer.SerializeToUtf8Bytes(envelope, MessagingJson.Options).Length;
    }

    public static byte[] Create(int size, long sentAt, long dueAt, long seq, bool measured)
    {
        var body = new byte[Math.Max(size, HeaderBytes)];
        BinaryPrimitives.WriteInt64LittleEndian(body, sentAt);
        BinaryPrimitives.WriteInt64LittleEndian(body.AsSpan(8), dueAt);
        BinaryPrimitives.WriteInt64LittleEndian(body.AsSpan(16), seq);
        body[24] = measured ? (byte)1 : (byte)0;
        body.AsSpan(HeaderBytes).Fill((byte)'x');
        return body;
    }

    public static (long SentAt, long DueAt, bool Measured) Read(ReadOnlySpan<byte> body) =>
        (BinaryPrimitives.ReadInt64LittleEndian(body), BinaryPrimitives.ReadInt64LittleEndian(body[8..]), body[24] == 1);
}
