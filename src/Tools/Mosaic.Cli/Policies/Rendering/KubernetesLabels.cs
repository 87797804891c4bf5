namespace Mosaic.Cli.Policies.Rendering;

/// <summary>
/// How the rendered NetworkPolicies find pods: by Kubernetes' recommended labels. A service's pods carry
/// <c>app.kubernetes.io/name: SERVICE</c> and <c>app.kubernetes.io/part-of: SYSTEM</c> (the manifest's
/// <c>name</c>); the broker's and the database's pods carry <c>app.kubernetes.io/name: rabbitmq</c> and
/// <c>postgresql</c> in the same namespace; the cluster's DNS is the <c>k8s-app: kube-dns</c> pods in
/// <c>kube-system</c> (namespaces carry <c>kubernetes.io/metadata.name</c> since Kubernetes 1.21).
/// </summary>
public static class KubernetesLabels
{
    public const string Name = "app.kubernetes.io/name";
    public const string PartOf = "app.kubernetes.io/part-of";
    public const string ManagedBy = "app.kubernetes.io/managed-by";
    public const string NamespaceName = "kubernetes.io/metadata.name";

    public const string RabbitMq = "rabbitmq";
    public const string PostgreSql = "postgresql";

    public static LabelSelector Service(string system, string service) =>
        new(new SortedDictionary<string, string>(StringComparer.Ordinal) { [Name] = service, [PartOf] = system });

    public static LabelSelector Named(string name) =>
        new(new SortedDictionary<string, string>(StringComparer.Ordinal) { [Name] = name });

    /// <summary>The cluster DNS pods: a pod selector and a namespace selector together (both must match).</summary>
    public static NetworkPolicyPeer ClusterDns { get; } = new(
        new LabelSelector(new SortedDictionary<string, string>(StringComparer.Ordinal) { ["k8s-app"] = "kube-dns" }),
        new LabelSelector(new SortedDictionary<string, string>(StringComparer.Ordinal) { [NamespaceName] = "kube-system" }));

    /// <summary>Every pod of every namespace (not the world outside the cluster).</summary>
    public static NetworkPolicyPeer AnyPodInCluster { get; } = new(NamespaceSelector: LabelSelector.All);

    /// <summary>The labels every rendered object carries, so <c>kubectl delete networkpolicy -l</c> finds them.</summary>
    public static IReadOnlyDictionary<string, string> Rendered(string system) =>
        new SortedDictionary<string, string>(StringComparer.Ordinal) { [PartOf] = system, [ManagedBy] = "mosaic" };
}
