using RabbitMQ.Client;

namespace Mosaic.Platform.Messaging.RabbitMq;

/// <summary>Settings under <c>Mosaic:Messaging:RabbitMq</c>, read when the transport is <c>rabbitmq</c>.</summary>
public sealed class RabbitMqOptions
{
    public const string Section = MessagingOptions.Section + ":RabbitMq";

    /// <summary>
    /// <c>amqp://user:password@host:5672/vhost</c> (<c>amqps://</c> for TLS). It holds a password, so it
    /// is never logged or shown; <see cref="RabbitMqTransport.Endpoint"/> is what may be shown.
    /// </summary>
    public string? Uri { get; set; }

    /// <summary>The durable topic exchange integration events are published to; every service of an environment must name the same one.</summary>
    public string Exchange { get; set; } = "mosaic.events";

    /// <summary>Pause between attempts to reach the broker, when it is down at start and after a lost connection.</summary>
    public TimeSpan ReconnectInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one attempt to open a connection may take.</summary>
    public TimeSpan ConnectionTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>What is wrong with these settings, as sentences naming the setting (never its value: the URI holds a password).</summary>
    public IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Uri))
            yield return $"{Section}:Uri is required for the rabbitmq transport: amqp://user:password@host:5672/vhost.";
        else if (!System.Uri.TryCreate(Uri, UriKind.Absolute, out var uri) || uri.Scheme is not ("amqp" or "amqps") || string.IsNullOrEmpty(uri.Host))
            yield return $"{Section}:Uri is not an amqp:// or amqps:// URI with a host (amqp://user:password@host:5672/vhost).";
        if (string.IsNullOrWhiteSpace(Exchange) || Exchange.Length > 255)
            yield return $"{Section}:Exchange must be a name of 1 to 255 characters.";
        else if (Exchange.StartsWith("amq.", StringComparison.Ordinal))
            yield return $"{Section}:Exchange must not start with 'amq.', which the broker reserves.";
        if (ReconnectInterval < TimeSpan.FromMilliseconds(100) || ReconnectInterval > TimeSpan.FromMinutes(5))
            yield return $"{Section}:ReconnectInterval must be between 100 ms and 5 minutes.";
        if (ConnectionTimeout <= TimeSpan.Zero || ConnectionTimeout > TimeSpan.FromMinutes(5))
            yield return $"{Section}:ConnectionTimeout must be positive and at most 5 minutes.";
    }

    internal ConnectionFactory CreateConnectionFactory()
    {
        var problems = Problems().ToList();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems), nameof(Uri));
        return new ConnectionFactory
        {
            Uri = new System.Uri(Uri!),
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
            NetworkRecoveryInterval = ReconnectInterval,
            RequestedConnectionTimeout = ConnectionTimeout,
        };
    }
}
