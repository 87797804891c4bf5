using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using Mosaic.Bench.Messaging.Reporting;
using Mosaic.Cli.Load.Histograms;
using Mosaic.Cli.Load.Scheduling;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace Mosaic.Bench.Messaging.Raw;

/// <summary>
/// The plain RabbitMQ.Client baseline: one connection publishes persistent messages with publisher
/// confirms, up to <see cref="RawOptions.Window"/> unconfirmed at once; a second connection consumes
/// them with manual acknowledgements and a prefetch of <see cref="RawOptions.Prefetch"/>. No database,
/// no serialization: what the broker and the client cost by themselves, to set Mosaic's path against.
/// </summary>
internal sealed class RawRun : IDisposable
{
    /// <summary>Due messages waiting beyond this many seconds' worth mean the publisher cannot keep the rate.</summary>
    private const double MaxBacklogSeconds = 5;

    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);

    private readonly RawOptions options;
    private readonly int bodyBytes;
    private readonly SemaphoreSlim window;
    private readonly BasicProperties properties = new() { Persistent = true, ContentType = "application/octet-stream" };
    private readonly LatencyHistogram confirm = new();
    private readonly LatencyHistogram lateness = new();
    private readonly LatencyHistogram publishToHandle = new();
    private readonly LatencyHistogram scheduleToHandle = new();
    private long start, warmUpEnd, end;
    private long sent, measuredSent, confirmed, confirmedInWindow, failed, consumed, consumedInWindow, redelivered;
    private string? firstError;
    private bool saturated;

    private RawRun(RawOptions options)
    {
        this.options = options;
        bodyBytes = RawBody.MosaicEnvelopeBytes(options.PayloadBytes);
        window = new SemaphoreSlim(options.Window, options.Window);
    }

    public static async Task<RawResult> RunAsync(RawOptions options, CancellationToken cancellationToken)
    {
        using var run = new RawRun(options);
        var factory = new ConnectionFactory { Uri = options.Broker };
        await using var publisherConnection = await factory.CreateConnectionAsync("messaging-bench raw publisher", cancellationToken);
        await using var consumerConnection = await factory.CreateConnectionAsync("messaging-bench raw consumer", cancellationToken);
        // The window below bounds the messages in flight; the client's own limiter (128 by default, with
        // throttling delays from half of that) would cap it lower and add sleeps of its own.
        await using var publishing = await publisherConnection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true, outstandingPublisherConfirmationsRateLimiter: null),
            cancellationToken);
        await using var consuming = await consumerConnection.CreateChannelAsync(cancellationToken: cancellationToken);
        await RawTopology.DeclareAsync(publishing, cancellationToken);
        try
        {
            await consuming.BasicQosAsync(0, options.Prefetch, global: false, cancellationToken);
            var consumer = new AsyncEventingBasicConsumer(consuming);
            consumer.ReceivedAsync += (_, delivery) => run.HandleAsync(consuming, delivery);
            await consuming.BasicConsumeAsync(RawTopology.Queue, autoAck: false, consumer, cancellationToken);

            run.start = Stopwatch.GetTimestamp();
            run.warmUpEnd = run.start + (long)(options.WarmupSeconds * Stopwatch.Frequency);
            run.end = run.warmUpEnd + (long)(options.DurationSeconds * Stopwatch.Frequency);
            if (options.IsRate) await run.PublishAtRateAsync(publishing);
            else await run.PublishFlatOutAsync(publishing);
            await run.WaitForConfirmsAsync();
            var drain = await run.DrainAsync(cancellationToken);
            return run.Result(drain, ServerName(publisherConnection));
        }
        finally
        {
            await RawTopology.DeleteAsync(publishing, CancellationToken.None);
        }
    }

    public void Dispose() => window.Dispose();

    private async Task PublishFlatOutAsync(IChannel channel)
    {
        long seq = 0;
        while (true)
        {
            await window.WaitAsync();
            var now = Stopwatch.GetTimestamp();
            if (now >= end)
            {
                window.Release();
                return;
            }
            _ = PublishAsync(channel, ++seq, now, now);
        }
    }

    private async Task PublishAtRateAsync(IChannel channel)
    {
        var due = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleWriter = true, SingleReader = true });
        // A dedicated thread waking at each 1 ms tick boundary, as rate-load and the publisher role do.
        var scheduled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var scheduler = new Thread(() =>
        {
            Schedule(due.Writer);
            due.Writer.Complete();
            scheduled.TrySetResult();
        }) { IsBackground = true, Name = "arrivals", Priority = ThreadPriority.AboveNormal };
        scheduler.Start();
        long seq = 0;
        await foreach (var dueAt in due.Reader.ReadAllAsync())
        {
            await window.WaitAsync();
            var now = Stopwatch.GetTimestamp();
            lateness.Record(Micros(now - dueAt));
            _ = PublishAsync(channel, ++seq, now, dueAt);
        }
        await scheduled.Task;
    }

    private void Schedule(ChannelWriter<long> due)
    {
        var tickTimestamps = Math.Max(1, (long)(Tick.TotalSeconds * Stopwatch.Frequency));
        var total = (long)Math.Round((options.WarmupSeconds + options.DurationSeconds) * options.Rate);
        var maxBacklog = (long)Math.Max(100, options.Rate * MaxBacklogSeconds);
        long issued = 0, tick = 0;
        while (issued < total)
        {
            var currentTick = (Stopwatch.GetTimestamp() - start) / tickTimestamps;
            for (; tick <= currentTick && issued < total; tick++)
            {
                var planned = start + tick * tickTimestamps;
                var count = Math.Min(total, (long)Math.Ceiling((tick + 1) * Tick.TotalSeconds * options.Rate));
                for (; issued < count; issued++) due.TryWrite(planned);
            }
            if (issued - Interlocked.Read(ref sent) > maxBacklog)
            {
                saturated = true;
                return;
            }
            TickClock.SleepUntil(start + tick * tickTimestamps);
        }
    }

    private async Task PublishAsync(IChannel channel, long seq, long sentAt, long dueAt)
    {
        var measured = sentAt >= warmUpEnd && sentAt < end;
        var body = RawBody.Create(bodyBytes, sentAt, dueAt, seq, measured);
        Interlocked.Increment(ref sent);
        if (measured) Interlocked.Increment(ref measuredSent);
        try
        {
            // With confirmation tracking on, this completes when the broker has confirmed the message
            // (for a quorum queue: written to a majority of its replicas' logs and fsynced).
            await channel.BasicPublishAsync(RawTopology.Exchange, RawTopology.RoutingKey, mandatory: false, properties, body);
            var now = Stopwatch.GetTimestamp();
            confirm.Record(Micros(now - sentAt));
            Interlocked.Increment(ref confirmed);
            if (InWindow(now)) Interlocked.Increment(ref confirmedInWindow);
        }
        catch (Exception e) when (e is PublishException or AlreadyClosedException or OperationInterruptedException)
        {
            Interlocked.Increment(ref failed);
            Interlocked.CompareExchange(ref firstError, $"{e.GetType().Name}: {e.Message}", null);
        }
        finally
        {
            window.Release();
        }
    }

    private async Task HandleAsync(IChannel channel, BasicDeliverEventArgs delivery)
    {
        var (sentAt, dueAt, measured) = RawBody.Read(delivery.Body.Span);
        if (delivery.Redelivered) Interlocked.Increment(ref redelivered);
        await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        var now = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref consumed);
        if (InWindow(now)) Interlocked.Increment(ref consumedInWindow);
        if (!measured) return;
        publishToHandle.Record(Micros(now - sentAt));
        scheduleToHandle.Record(Micros(now - dueAt));
    }

    private async Task WaitForConfirmsAsync()
    {
        for (var i = 0; i < options.Window; i++) await window.WaitAsync();
        window.Release(options.Window);
    }

    /// <summary>Waits until every confirmed message is consumed; returns how long that took after the publisher stopped.</summary>
    private async Task<double> DrainAsync(CancellationToken cancellationToken)
    {
        var stoppedAt = Stopwatch.GetTimestamp();
        var deadline = stoppedAt + (long)(options.DrainTimeoutSeconds * Stopwatch.Frequency);
        while (Interlocked.Read(ref consumed) < Interlocked.Read(ref confirmed) && Stopwatch.GetTimestamp() < deadline)
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken);
        return Math.Round(Stopwatch.GetElapsedTime(stoppedAt).TotalSeconds, 2);
    }

    private bool InWindow(long timestamp) => timestamp >= warmUpEnd && timestamp < end;

    private static long Micros(long timestamps) => timestamps * 1_000_000 / Stopwatch.Frequency;

    /// <summary>The broker's product and version, as it announced them when the connection opened.</summary>
    private static string ServerName(IConnection connection)
    {
        string Property(string name) =>
            connection.ServerProperties?.TryGetValue(name, out var value) == true && value is byte[] bytes ? Encoding.UTF8.GetString(bytes) : "?";
        return $"{Property("product")} {Property("version")}";
    }

    private RawResult Result(double drainSeconds, string broker) => new(
        broker,
        options.Mode,
        options.IsRate ? options.Rate : null,
        options.Window,
        options.Prefetch,
        options.PayloadBytes,
        bodyBytes,
        options.DurationSeconds,
        options.WarmupSeconds,
        sent,
        measuredSent,
        confirmed,
        failed,
        firstError,
        saturated,
        consumed,
        redelivered,
        Math.Round(confirmedInWindow / options.DurationSeconds, 1),
        Math.Round(consumedInWindow / options.DurationSeconds, 1),
        drainSeconds,
        LatencySummary.From(confirm),
        LatencySummary.From(lateness),
        LatencySummary.From(publishToHandle),
        LatencySummary.From(scheduleToHandle));
}
