using System.Net.Sockets;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Profiles;
using Mosaic.Platform.Messaging.Transport;
using RabbitMQ.Client.Exceptions;

namespace Mosaic.Cli.Commands.Bus;

/// <summary>
/// An environment's bus as <c>mosaic bus</c> reads it, whichever transport holds it. On a broker, a
/// failure to reach it or a refused login becomes one sentence naming where the broker is (never its
/// URI, which holds a password) and what to do.
/// </summary>
public sealed class InspectedBus : IBusAdministration, IAsyncDisposable
{
    private const int AccessRefused = 403;
    private const int NotAllowed = 530;

    private readonly IBusAdministration _bus;
    private readonly IAsyncDisposable _lifetime;
    private readonly RabbitMqBroker? _broker;

    private InspectedBus(IBusAdministration bus, IAsyncDisposable lifetime, string location, string shownLocation, RabbitMqBroker? broker)
    {
        _bus = bus;
        _lifetime = lifetime;
        Location = location;
        ShownLocation = shownLocation;
        _broker = broker;
    }

    /// <summary>Where the bus is, for JSON: the bus file's full path, or the broker's <c>host:port/vhost</c>.</summary>
    public string Location { get; }

    /// <summary>Where the bus is, for a sentence: the bus file relative to the checkout, or the broker's <c>host:port/vhost</c>.</summary>
    public string ShownLocation { get; }

    public static InspectedBus OnFile<T>(T transport, string path, string shownPath)
        where T : IBusAdministration, IAsyncDisposable =>
        new(transport, transport, path, shownPath, null);

    /// <param name="endpoint">The broker's <c>host:port/vhost</c>, without credentials.</param>
    public static InspectedBus OnBroker<T>(T transport, string endpoint, RabbitMqBroker broker)
        where T : IBusAdministration, IAsyncDisposable =>
        new(transport, transport, endpoint, endpoint, broker);

    public Task<IReadOnlyList<QueueStats>> QueueStatsAsync(CancellationToken cancellationToken) =>
        ExplainedAsync(() => _bus.QueueStatsAsync(cancellationToken), cancellationToken);

    public Task<IReadOnlyList<DeadLetter>> DeadLettersAsync(string? queue, int limit, CancellationToken cancellationToken) =>
        ExplainedAsync(() => _bus.DeadLettersAsync(queue, limit, cancellationToken), cancellationToken);

    public Task<DeadLetter?> DeadLetterAsync(string id, CancellationToken cancellationToken) =>
        ExplainedAsync(() => _bus.DeadLetterAsync(id, cancellationToken), cancellationToken);

    public Task<int> RedriveAsync(string? queue, IReadOnlyCollection<string>? ids, CancellationToken cancellationToken) =>
        ExplainedAsync(() => _bus.RedriveAsync(queue, ids, cancellationToken), cancellationToken);

    public ValueTask DisposeAsync() => _lifetime.DisposeAsync();

    private async Task<T> ExplainedAsync<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (_broker is not null && !cancellationToken.IsCancellationRequested && IsBrokerFailure(e))
        {
            throw new CliException(Explain(e), e);
        }
    }

    private string Explain(Exception e)
    {
        var where = $"RabbitMQ at {Location} ({_broker})";
        if (Chain(e).Any(inner => inner is AuthenticationFailureException or PossibleAuthenticationFailureException))
            return $"{where} refused mosaic's user name or password: check them, then try again.";
        // The broker's reply names the virtual host or the right that is missing, never a password.
        if (Chain(e).OfType<OperationInterruptedException>().FirstOrDefault(i => i.ShutdownReason?.ReplyCode is AccessRefused or NotAllowed) is { } refused)
            return $"{where} refused access ({refused.ShutdownReason!.ReplyText}): check the virtual host and the user's rights on it, then try again.";
        if (e is BrokerUnreachableException)
            return $"Cannot reach {where}: make sure the broker runs and listens there, then try again.";
        return $"The connection to {where} broke off ({e.GetType().Name}): try again once the broker is back.";
    }

    private static bool IsBrokerFailure(Exception e) =>
        e is BrokerUnreachableException or AlreadyClosedException or OperationInterruptedException
            or IOException or SocketException or TimeoutException or OperationCanceledException;

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? current = e; current is not null; current = current.InnerException) yield return current;
    }
}
