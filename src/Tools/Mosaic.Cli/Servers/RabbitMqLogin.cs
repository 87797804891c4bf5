using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Mosaic.Cli.Servers;

/// <summary>
/// Waiting for a broker to accept a user that was just made: RabbitMQ completes imported definitions inside the
/// node after the import has answered, exchanges last.
/// </summary>
public static class RabbitMqLogin
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    /// <summary>What a refused or failed login throws: the callers turn it into a sentence of their own.</summary>
    public static bool IsRefusal(Exception e) => e is BrokerUnreachableException or OperationInterruptedException;

    /// <summary>
    /// Returns once <paramref name="uri"/> connects and, with <paramref name="checkExchange"/>, the events exchange
    /// is there too; after 30 s rethrows the last refusal (see <see cref="IsRefusal"/>).
    /// </summary>
    public static async Task WaitUntilAcceptedAsync(Uri uri, bool checkExchange, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = uri, RequestedConnectionTimeout = TimeSpan.FromSeconds(5), AutomaticRecoveryEnabled = false };
        var deadline = DateTimeOffset.UtcNow + Bound;
        while (true)
        {
            try
            {
                await using var connection = await factory.CreateConnectionAsync(cancellationToken);
                if (checkExchange)
                {
                    await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
                    await channel.ExchangeDeclarePassiveAsync(Policies.Rendering.BrokerPermissions.EventsExchange, cancellationToken);
                }
                await connection.CloseAsync(cancellationToken);
                return;
            }
            catch (Exception e) when (IsRefusal(e) && DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
        }
    }

    /// <summary>The user name in a broker URI, never its password.</summary>
    public static string UserOf(Uri uri) => Uri.UnescapeDataString(uri.UserInfo.Split(':')[0]);
}
