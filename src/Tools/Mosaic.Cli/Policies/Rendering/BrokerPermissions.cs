using System.Text.RegularExpressions;
using Mosaic.Platform.Manifest;
using Mosaic.Platform.Messaging.RabbitMq;
using Mosaic.Platform.Policy;

namespace Mosaic.Cli.Policies.Rendering;

/// <summary>
/// One service's broker user and what the policy lets it do on RabbitMQ: regular expressions over resource
/// names for configure, write and read, and over routing keys on the events exchange for publishing (topic
/// write) and binding its queue (topic read). The broker checks every operation against them.
/// </summary>
/// <remarks>
/// <para>
/// What the platform's transport does and what it needs: at start it checks the events exchange passively (no
/// permission) — whoever sets up the broker declares it; a consumer declares its queue <c>S</c>, its dead-letter
/// queue, its retry queues <c>S.retry.MS</c> (as needed) and its settlement exchange <c>S.settlement</c>
/// (configure on those; a retry queue dead-letters to the settlement exchange, which takes read on the retry queue
/// and write on the exchange), binds its queue to the events exchange by each event type it handles (write on the
/// queue, read on the exchange, topic read on the routing key) and its queues to its settlement exchange (write on
/// the queues, read on the exchange), consumes its queue (read), and publishes retry copies and dead letters
/// through its settlement exchange (write). A publisher writes to the events
/// exchange (write, topic write on the routing key).
/// </para>
/// <para>
/// Nothing else: no service may write to the default exchange (which reaches every queue), read another's
/// queue, bind to an event type the policy does not let it consume, or publish one it may not publish. A
/// service's queue is its own name, as the platform's consumer declares it.
/// </para>
/// </remarks>
public sealed record BrokerPermissions(
    string Service,
    string User,
    IReadOnlyList<string> Publishes,
    IReadOnlyList<string> Consumes,
    string Configure,
    string Write,
    string Read,
    string TopicWrite,
    string TopicRead)
{
    /// <summary>Matches nothing: the broker's way of granting no permission.</summary>
    public const string Nothing = "^$";

    /// <summary>The events exchange every service of an environment shares (the platform's default).</summary>
    public static string EventsExchange { get; } = new RabbitMqOptions().Exchange;

    public static string VirtualHost(string environment) => $"mosaic-{environment}";

    /// <summary><c>mosaic-ENV-SERVICE</c>: users are per node, not per virtual host, so the name says whose environment.</summary>
    public static string UserName(string environment, string service) => $"mosaic-{environment}-{service}";

    /// <summary>
    /// A user for each service of the manifest that the policy lets publish or consume an event type, in name order.
    /// Services the policy names but the manifest does not have are <c>mosaic policy check</c>'s to report.
    /// </summary>
    public static IReadOnlyList<BrokerPermissions> For(SegmentationPolicy policy, SystemManifest manifest, string environment) =>
        [.. manifest.Services.Keys.Order(StringComparer.Ordinal)
            .Select(service => For(policy, environment, service))
            .Where(p => p.Publishes.Count > 0 || p.Consumes.Count > 0)];

    public static BrokerPermissions For(SegmentationPolicy policy, string environment, string service)
    {
        var publishes = policy.PublishableBy(service).ToList();
        var consumes = policy.ConsumableBy(service).ToList();
        var queue = service;
        string[] own = consumes.Count > 0
            ? [Regex.Escape(queue), Regex.Escape(BrokerTopology.DeadLetterQueue(queue)), Regex.Escape(BrokerTopology.SettlementExchange(queue)), RetryQueues(queue)]
            : [];
        string[] publishing = publishes.Count > 0 ? [Regex.Escape(EventsExchange)] : [];
        // Read on the retry queues too: declaring a queue that dead-letters (to the settlement exchange) takes read on it.
        string[] reading = consumes.Count > 0
            ? [Regex.Escape(EventsExchange), Regex.Escape(queue), Regex.Escape(BrokerTopology.SettlementExchange(queue)), RetryQueues(queue)]
            : [];
        return new BrokerPermissions(
            service,
            UserName(environment, service),
            publishes,
            consumes,
            Configure: AnyOf(own),
            Write: AnyOf([.. publishing, .. own]),
            Read: AnyOf(reading),
            TopicWrite: RoutingKeys(publishes),
            TopicRead: RoutingKeys(consumes));
    }

    /// <summary><c>^(orders\.order-placed|…)\.v[0-9]+$</c>: every version of the given event types.</summary>
    private static string RoutingKeys(IReadOnlyList<string> eventTypes) =>
        eventTypes.Count == 0 ? Nothing : $"^({string.Join("|", eventTypes.Select(Regex.Escape))})\\.v[0-9]+$";

    private static string RetryQueues(string queue) => $"{Regex.Escape(queue)}\\.retry\\.[0-9]+";

    private static string AnyOf(IReadOnlyList<string> patterns) => patterns.Count == 0 ? Nothing : $"^({string.Join("|", patterns)})$";
}
