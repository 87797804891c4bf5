namespace Mosaic.Cli.Policies.Rendering;

// Kubernetes networking.k8s.io/v1 NetworkPolicy, as much of it as the rendering uses. Property names
// become the API's camelCase field names; null fields are left out of the YAML.

/// <summary>One NetworkPolicy object, and the comment printed above it.</summary>
public sealed class NetworkPolicy(ObjectMeta metadata, NetworkPolicySpec spec, string comment)
{
    public string ApiVersion { get; } = "networking.k8s.io/v1";

    public string Kind { get; } = "NetworkPolicy";

    public ObjectMeta Metadata { get; } = metadata;

    public NetworkPolicySpec Spec { get; } = spec;

    /// <summary>Why this object exists, as a YAML comment above it; not part of the object.</summary>
    [YamlDotNet.Serialization.YamlIgnore]
    public string Comment { get; } = comment;
}

public sealed record ObjectMeta(string Name, string Namespace, IReadOnlyDictionary<string, string> Labels);

public sealed record NetworkPolicySpec(
    LabelSelector PodSelector,
    IReadOnlyList<string> PolicyTypes,
    IReadOnlyList<NetworkPolicyIngressRule>? Ingress = null,
    IReadOnlyList<NetworkPolicyEgressRule>? Egress = null);

/// <summary>Pods (or namespaces) whose labels include all of <see cref="MatchLabels"/>; null selects all.</summary>
public sealed record LabelSelector(IReadOnlyDictionary<string, string>? MatchLabels = null)
{
    public static LabelSelector All { get; } = new();
}

/// <summary>Traffic from any of <see cref="From"/> (null: from anywhere) to any of <see cref="Ports"/>.</summary>
public sealed record NetworkPolicyIngressRule(IReadOnlyList<NetworkPolicyPeer>? From, IReadOnlyList<NetworkPolicyPort> Ports);

/// <summary>Traffic to any of <see cref="To"/> on any of <see cref="Ports"/>.</summary>
public sealed record NetworkPolicyEgressRule(IReadOnlyList<NetworkPolicyPeer> To, IReadOnlyList<NetworkPolicyPort> Ports);

/// <summary>Pods matching <see cref="PodSelector"/> in the namespaces matching <see cref="NamespaceSelector"/> (the policy's own namespace when null).</summary>
public sealed record NetworkPolicyPeer(LabelSelector? PodSelector = null, LabelSelector? NamespaceSelector = null);

public sealed record NetworkPolicyPort(string Protocol, int Port)
{
    public static NetworkPolicyPort Tcp(int port) => new("TCP", port);

    public static NetworkPolicyPort Udp(int port) => new("UDP", port);
}
