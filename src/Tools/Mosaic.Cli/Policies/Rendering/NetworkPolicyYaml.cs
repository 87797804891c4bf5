using System.Text;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Mosaic.Cli.Policies.Rendering;

/// <summary>NetworkPolicies as one multi-document YAML stream (<c>kubectl apply -f</c>), with comments that say what selects what.</summary>
public static class NetworkPolicyYaml
{
    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
        .DisableAliases()
        .Build();

    public static string Write(IReadOnlyList<NetworkPolicy> policies, string system, string @namespace, IReadOnlyList<string> callersWithoutPods)
    {
        var yaml = new StringBuilder();
        yaml.Append($"""
            # NetworkPolicies (networking.k8s.io/v1) for namespace {@namespace}, rendered by `mosaic policy render networkpolicy`
            # from policies/policy.yaml and mosaic.yaml: render again after changing either, never edit by hand.
            #
            # Pods are selected by labels. Each pod of a service carries
            #   {KubernetesLabels.Name}: SERVICE       (the name in mosaic.yaml)
            #   {KubernetesLabels.PartOf}: {system}
            # RabbitMQ's pods carry {KubernetesLabels.Name}: {KubernetesLabels.RabbitMq} and PostgreSQL's {KubernetesLabels.Name}: {KubernetesLabels.PostgreSql},
            # in this namespace; DNS is the k8s-app: kube-dns pods in kube-system.
            # Containers listen on mosaic.yaml's port (the API) and managementPort (health, metrics, info).
            # A policy lets a caller reach a port; which operations it may call there each service decides itself.

            """);
        if (callersWithoutPods.Count > 0)
            yaml.Append($"# Not rendered: calls from {string.Join(", ", callersWithoutPods)}, which the policy allows but which are not services of mosaic.yaml\n"
                + "# (`mosaic` is the operator's command line, not a pod: reach those operations with kubectl port-forward).\n");
        foreach (var policy in policies)
        {
            yaml.Append("---\n");
            yaml.Append("# ").Append(policy.Comment).Append('\n');
            yaml.Append(Serializer.Serialize(policy));
        }
        return yaml.ToString();
    }
}
