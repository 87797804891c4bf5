using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mosaic.Platform.Messaging.Storage;

namespace Mosaic.Platform.Messaging.Consuming;

/// <summary>Forgets handled message ids older than the retention, so the inbox does not grow without end.</summary>
internal sealed partial class InboxPruner<TContext>(
    IServiceScopeFactory scopes,
    IOptions<MessagingOptions> options,
    TimeProvider time,
    ILogger<InboxPruner<TContext>> logger) : BackgroundService
    where TContext : DbContext
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var cutoff = (time.GetUtcNow() - options.Value.InboxRetention).ToUnixTimeMilliseconds();
                    var removed = await scope.ServiceProvider.GetRequiredService<TContext>().Set<InboxMessage>()
                        .Where(m => m.HandledAt < cutoff).ExecuteDeleteAsync(stoppingToken);
                    if (removed > 0) LogPruned(logger, removed);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogPruneFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Forgot {Count} handled message id(s) past the inbox retention")]
    private static partial void LogPruned(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not prune the inbox; will try again")]
    private static partial void LogPruneFailed(ILogger logger, Exception exception);
}
