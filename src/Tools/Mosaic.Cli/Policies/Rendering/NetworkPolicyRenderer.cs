using Mosaic.Cli.Commands.Up;
using Mosaic.Platform.Manifest;
using Mosaic.Platform.Policy;

namespace Mosaic.Cli.Policies.Rendering;

/// <summary>
/// The segmentation policy as Kubernetes NetworkPolicies for one namespace: everything denied (ingress and
/// egress), then per service what the policy implies. Containers listen on the manifest's <c>port</c> and
/// <c>managementPort</c> (on one machine <c>mosaic up</c> gives instance i port + i; in a cluster every
/// replica has an address of its own, so all use the first).
/// </summary>
/// <remarks>
/// A NetworkPolicy sees addresses and ports, not HTTP: it lets a caller reach a service's API port, and the
/// service's own policy check decides which operations. Callers that are not services of the manifest (the
/// operator's <c>mosaic</c>) are not pods and get no rule.
/// </remarks>
public sealed class NetworkPolicyRenderer(SystemManifest manifest, SegmentationPolicy policy, string @namespace)
{
    public const int DnsPort = 53;
    public const int RabbitMqPort = 5672;
    public const int PostgreSqlPort = 5432;
    public const string DefaultDenyName = "default-deny";

    private readonly IReadOnlyDictionary<string, string> rendered = KubernetesLabels.Rendered(manifest.Name);

    public static string AllowName(string target) => $"allow-{target}";

    /// <summary>The callers the policy names that are not services of the manifest, so have no pods.</summary>
    public IReadOnlyList<string> CallersWithoutPods() =>
        [.. policy.Document.Calls.Select(c => c.From).Where(from => !manifest.Services.ContainsKey(from)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    public IReadOnlyList<NetworkPolicy> Render()
    {
        var policies = new List<NetworkPolicy>
        {
            new(Meta(DefaultDenyName), new NetworkPolicySpec(LabelSelector.All, ["Ingress", "Egress"]),
                "Every pod of the namespace: no traffic in or out unless a policy below allows it."),
        };
        policies.AddRange(manifest.Services.Values.OrderBy(s => s.Name, StringComparer.Ordinal).Select(ForService));
        var messaging = MessagingServices();
        if (messaging.Count > 0)
            policies.Add(ForServer(KubernetesLabels.RabbitMq, RabbitMqPort, messaging, "RabbitMQ: AMQP from the services that publish or consume events."));
        var withData = manifest.Services.Values.Where(s => s.Database).Select(s => s.Name).Order(StringComparer.Ordinal).ToList();
        if (withData.Count > 0)
            policies.Add(ForServer(KubernetesLabels.PostgreSql, PostgreSqlPort, withData, "PostgreSQL: from the services that keep data (database: true in mosaic.yaml)."));
        return policies;
    }

    private NetworkPolicy ForService(ServiceManifest service)
    {
        var callers = PodsOf(policy.Document.Calls.Where(c => c.To == service.Name).Select(c => c.From));
        var callees = PodsOf(policy.Document.Calls.Where(c => c.From == service.Name).Select(c => c.To));
        var isPublic = service.Name == UpCommand.GatewayService && manifest.Routes.Count > 0;
        var usesBroker = MessagingServices().Contains(service.Name);

        var ingress = new List<NetworkPolicyIngressRule>();
        if (callers.Count > 0)
            ingress.Add(new NetworkPolicyIngressRule([.. callers.Select(Pods)], [NetworkPolicyPort.Tcp(service.Port)]));
        if (isPublic)
            ingress.Add(new NetworkPolicyIngressRule(From: null, [NetworkPolicyPort.Tcp(service.Port)]));
        // Probes and metrics scrapers from anywhere in the cluster: health and metrics stay reachable.
        ingress.Add(new NetworkPolicyIngressRule([KubernetesLabels.AnyPodInCluster], [NetworkPolicyPort.Tcp(service.ManagementPort)]));

        var egress = new List<NetworkPolicyEgressRule>();
        foreach (var callee in callees)
            egress.Add(new NetworkPolicyEgressRule([Pods(callee)], [NetworkPolicyPort.Tcp(manifest.Services[callee].Port)]));
        egress.Add(new NetworkPolicyEgressRule([KubernetesLabels.ClusterDns], [NetworkPolicyPort.Udp(DnsPort), NetworkPolicyPort.Tcp(DnsPort)]));
        if (usesBroker)
            egress.Add(new NetworkPolicyEgressRule([new NetworkPolicyPeer(KubernetesLabels.Named(KubernetesLabels.RabbitMq))], [NetworkPolicyPort.Tcp(RabbitMqPort)]));
        if (service.Database)
            egress.Add(new NetworkPolicyEgressRule([new NetworkPolicyPeer(KubernetesLabels.Named(KubernetesLabels.PostgreSql))], [NetworkPolicyPort.Tcp(PostgreSqlPort)]));

        IEnumerable<string> from = [.. callers, .. isPublic ? ["anywhere (the public entry)"] : Array.Empty<string>()];
        IEnumerable<string> reaches = [.. callees, "DNS", .. usesBroker ? ["RabbitMQ"] : Array.Empty<string>(), .. service.Database ? ["PostgreSQL"] : Array.Empty<string>()];
        var comment = $"{service.Name}: its API (port {service.Port}) from {(from.Any() ? string.Join(", ", from) : "no one")}; "
            + $"its management port ({service.ManagementPort}) from the whole cluster; out to {string.Join(", ", reaches)}.";
        return new NetworkPolicy(Meta(AllowName(service.Name)),
            new NetworkPolicySpec(KubernetesLabels.Service(manifest.Name, service.Name), ["Ingress", "Egress"], ingress, egress),
            comment);
    }

    private NetworkPolicy ForServer(string server, int port, IReadOnlyList<string> clients, string comment) =>
        new(Meta(AllowName(server)),
            new NetworkPolicySpec(KubernetesLabels.Named(server), ["Ingress"],
                Ingress: [new NetworkPolicyIngressRule([.. clients.Select(Pods)], [NetworkPolicyPort.Tcp(port)])]),
            comment + " Its own egress (clustering, DNS) is not rendered: add it where it runs.");

    /// <summary>Services of the manifest the policy lets publish or consume an event type: they need the broker.</summary>
    private List<string> MessagingServices() =>
        PodsOf(policy.Document.Events.SelectMany(e => e.Publishers.Concat(e.Consumers)));

    private List<string> PodsOf(IEnumerable<string> services) =>
        [.. services.Where(manifest.Services.ContainsKey).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private NetworkPolicyPeer Pods(string service) => new(KubernetesLabels.Service(manifest.Name, service));

    private ObjectMeta Meta(string name) => new(name, @namespace, rendered);
}
