using Microsoft.Extensions.Options;

namespace Mosaic.Orders.Process;

/// <summary>
/// Runs <see cref="PaymentDeadlines"/> every <see cref="OrdersOptions.SweepInterval"/>. Every instance
/// sweeps; the order's version keeps two of them (or a sweep and a payment event) from both moving an order.
/// </summary>
internal sealed partial class PaymentTimeoutSweeper(
    IServiceScopeFactory scopes,
    IOptions<OrdersOptions> options,
    TimeProvider time,
    ILogger<PaymentTimeoutSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<PaymentDeadlines>().CancelOverdueAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogSweepFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not cancel overdue payments; will try again at the next sweep")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
