using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Mosaic.Bench.Messaging.Data;
using Mosaic.Bench.Messaging.Reporting;
using Mosaic.Cli.Load.Histograms;
using Mosaic.Cli.Load.Scheduling;
using Mosaic.Platform.Messaging;

namespace Mosaic.Bench.Messaging.Publisher;

/// <summary>
/// Publishes benchmark events the way a service does: a scope, <see cref="IEventBus.Publish{TEvent}"/>,
/// one <c>SaveChangesAsync</c>; the platform's relay ships them from the outbox. One run at a time.
/// </summary>
public sealed class LoadDriver(IServiceScopeFactory scopes) : IDisposable
{
    /// <summary>Due events waiting for a writer beyond this many seconds' worth mean the publisher cannot keep the rate.</summary>
    private const double MaxBacklogSeconds = 5;

    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);

    private readonly SemaphoreSlim oneAtATime = new(1, 1);

    public bool TryBegin() => oneAtATime.Wait(0);

    public void Dispose() => oneAtATime.Dispose();

    /// <summary>Runs <paramref name="request"/> to the end; call <see cref="TryBegin"/> first.</summary>
    public async Task<LoadResult> RunAsync(LoadRequest request)
    {
        try
        {
            var run = new RunState(request);
            if (request.IsRate) await RunAtRateAsync(run);
            else await RunFlatOutAsync(run);
            return run.Result();
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    private async Task RunFlatOutAsync(RunState run)
    {
        var writers = Enumerable.Range(0, run.Request.Writers).Select(_ => Task.Run(async () =>
        {
            while (true)
            {
                var now = Stopwatch.GetTimestamp();
                if (now >= run.End) return;
                await CommitAsync(run, run.Request.Batch, now >= run.WarmUpEnd, now);
            }
        }));
        await Task.WhenAll(writers);
    }

    private async Task RunAtRateAsync(RunState run)
    {
        var due = Channel.CreateUnbounded<Arrival>(new UnboundedChannelOptions { SingleWriter = true });
        var writers = Enumerable.Range(0, run.Request.Writers).Select(_ => Task.Run(async () =>
        {
            await foreach (var arrival in due.Reader.ReadAllAsync())
            {
                run.Lateness.Record(Micros(Stopwatch.GetTimestamp() - arrival.Due));
                await CommitAsync(run, 1, arrival.Measured, arrival.Due);
            }
        })).ToList();

        // A dedicated thread waking at each 1 ms tick boundary, as rate-load does: a timer on the pool
        // would be late by whatever the pool is busy with, and that lateness would not be counted.
        var scheduled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var scheduler = new Thread(() =>
        {
            Schedule(run, due.Writer);
            scheduled.TrySetResult();
        }) { IsBackground = true, Name = "arrivals", Priority = ThreadPriority.AboveNormal };
        scheduler.Start();
        await scheduled.Task;
        due.Writer.Complete();
        await Task.WhenAll(writers);
    }

    private static void Schedule(RunState run, ChannelWriter<Arrival> due)
    {
        var frequency = Stopwatch.Frequency;
        var tickTimestamps = Math.Max(1, (long)(Tick.TotalSeconds * frequency));
        var rate = run.Request.Rate;
        var total = (long)Math.Round((run.Request.WarmupSeconds + run.Request.DurationSeconds) * rate);
        var maxBacklog = (long)Math.Max(100, rate * MaxBacklogSeconds);
        long issued = 0, tick = 0;
        while (issued < total)
        {
            var currentTick = (Stopwatch.GetTimestamp() - run.Start) / tickTimestamps;
            for (; tick <= currentTick && issued < total; tick++)
            {
                var planned = run.Start + tick * tickTimestamps;
                var count = Math.Min(total, (long)Math.Ceiling((tick + 1) * Tick.TotalSeconds * rate));
                for (; issued < count; issued++) due.TryWrite(new Arrival(planned, planned >= run.WarmUpEnd));
            }
            if (issued - run.Started > maxBacklog)
            {
                run.Saturated = true;
                return;
            }
            TickClock.SleepUntil(run.Start + tick * tickTimestamps);
        }
    }

    private async Task CommitAsync(RunState run, int events, bool measured, long dueTimestamp)
    {
        Interlocked.Add(ref run.Started, events);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BenchDbContext>();
            var bus = scope.ServiceProvider.GetRequiredService<IEventBus>();
            var scheduledAt = run.WallClock(dueTimestamp);
            for (var i = 0; i < events; i++)
                bus.Publish(new BenchEvent(run.Request.Run, Interlocked.Increment(ref run.Sequence), measured, scheduledAt, run.Padding));
            var began = Stopwatch.GetTimestamp();
            await db.SaveChangesAsync();
            run.Commit.Record(Micros(Stopwatch.GetTimestamp() - began));
            Interlocked.Add(ref run.Published, events);
            if (measured) Interlocked.Add(ref run.MeasuredPublished, events);
            Interlocked.Increment(ref run.Transactions);
        }
        catch (Exception e) when (e is DbUpdateException or DbException or InvalidOperationException)
        {
            Interlocked.Add(ref run.Failed, events);
            Interlocked.CompareExchange(ref run.FirstError, $"{e.GetType().Name}: {e.GetBaseException().Message}", null);
        }
    }

    private static long Micros(long timestamps) => timestamps * 1_000_000 / Stopwatch.Frequency;

    private readonly record struct Arrival(long Due, bool Measured);

    /// <summary>Counters of one run, shared by its writers.</summary>
    private sealed class RunState
    {
        public RunState(LoadRequest request)
        {
            Request = request;
            Padding = new string('x', request.PayloadBytes);
            StartWall = DateTimeOffset.UtcNow;
            Start = Stopwatch.GetTimestamp();
            WarmUpEnd = Start + (long)(request.WarmupSeconds * Stopwatch.Frequency);
            End = WarmUpEnd + (long)(request.DurationSeconds * Stopwatch.Frequency);
        }

        public LoadRequest Request { get; }
        public string Padding { get; }
        public DateTimeOffset StartWall { get; }
        public long Start { get; }
        public long WarmUpEnd { get; }
        public long End { get; }
        public LatencyHistogram Commit { get; } = new();
        public LatencyHistogram Lateness { get; } = new();
        public bool Saturated { get; set; }

#pragma warning disable CA1051 // counters updated with Interlocked need to be fields
        public long Sequence;
        public long Started;
        public long Published;
        public long MeasuredPublished;
        public long Transactions;
        public long Failed;
        public string? FirstError;
#pragma warning restore CA1051

        public DateTimeOffset WallClock(long timestamp) => StartWall + Stopwatch.GetElapsedTime(Start, timestamp);

        public LoadResult Result()
        {
            var from = WallClock(WarmUpEnd).ToUnixTimeMilliseconds();
            var to = WallClock(End).ToUnixTimeMilliseconds();
            return new LoadResult(
                Request,
                Published,
                MeasuredPublished,
                Transactions,
                Failed,
                FirstError,
                Saturated,
                from,
                to,
                Math.Round(MeasuredPublished / Request.DurationSeconds, 1),
                LatencySummary.From(Commit),
                LatencySummary.From(Lateness));
        }
    }
}
