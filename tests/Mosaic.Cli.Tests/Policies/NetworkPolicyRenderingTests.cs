using Mosaic.Cli.CommandLine;

namespace Mosaic.Cli.Tests.Policies;

/// <summary>
/// <c>mosaic policy render networkpolicy</c> on the shop's own manifest and policy: deny everything, then exactly
/// the traffic the policy implies. Rules are read back from the YAML as "peer protocol/port" lines.
/// </summary>
public sealed class NetworkPolicyRenderingTests
{
    private const string Anywhere = "anywhere";
    private const string Cluster = "any pod of any namespace";
    private const string Dns = "namespace kubernetes.io/metadata.name=kube-system, pods k8s-app=kube-dns";

    private static readonly string[] Services = ["catalog", "gateway", "identity", "orders", "payment-provider", "payments"];

    [Fact]
    public async Task A_default_deny_selects_every_pod_for_ingress_and_egress_and_allows_nothing()
    {
        var policies = await RenderAsync();

        var deny = policies["default-deny"];
        var spec = Map(deny["spec"]);
        Assert.Empty(Map(spec["podSelector"]));
        Assert.Equal(["Ingress", "Egress"], List(spec["policyTypes"]));
        Assert.False(spec.ContainsKey("ingress"));
        Assert.False(spec.ContainsKey("egress"));
        Assert.Equal("mosaic-dev", Map(deny["metadata"])["namespace"]);
        Assert.Equal("default-deny", policies.Keys.First());
        string[] names = [.. Services.Select(s => $"allow-{s}"), "allow-postgresql", "allow-rabbitmq", "default-deny"];
        Assert.Equal(names.Order(StringComparer.Ordinal), policies.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Payments_may_reach_the_payment_provider_and_no_other_service_may()
    {
        var policies = await RenderAsync();

        Assert.Contains($"{Pods("payment-provider")} TCP/7500", Egress(policies["allow-payments"]));
        foreach (var service in Services.Where(s => s != "payments"))
            Assert.DoesNotContain(Egress(policies[$"allow-{service}"]), rule => rule.StartsWith(Pods("payment-provider"), StringComparison.Ordinal));
        Assert.Equal([$"{Pods("payments")} TCP/7500", $"{Cluster} TCP/7550"], Ingress(policies["allow-payment-provider"]));
    }

    [Fact]
    public async Task Each_service_accepts_its_API_port_only_from_the_callers_the_policy_names_and_its_management_port_from_the_cluster()
    {
        var policies = await RenderAsync();

        Assert.Equal([$"{Pods("catalog")} TCP/7100", $"{Pods("gateway")} TCP/7100", $"{Pods("orders")} TCP/7100", $"{Pods("payments")} TCP/7100", $"{Cluster} TCP/7150"],
            Ingress(policies["allow-identity"]));
        Assert.Equal([$"{Pods("gateway")} TCP/7200", $"{Pods("orders")} TCP/7200", $"{Cluster} TCP/7250"], Ingress(policies["allow-catalog"]));
        Assert.Equal([$"{Pods("gateway")} TCP/7300", $"{Cluster} TCP/7350"], Ingress(policies["allow-orders"]));
        Assert.Equal([$"{Cluster} TCP/7450"], Ingress(policies["allow-payments"]));
        // Only the gateway is public: its API port from anywhere.
        Assert.Equal([$"{Anywhere} TCP/8080", $"{Cluster} TCP/8090"], Ingress(policies["allow-gateway"]));
        foreach (var service in Services.Where(s => s != "gateway"))
            Assert.DoesNotContain(Ingress(policies[$"allow-{service}"]), rule => rule.StartsWith(Anywhere, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_service_may_reach_DNS_the_services_it_calls_and_RabbitMQ_and_PostgreSQL_only_when_it_uses_them()
    {
        var policies = await RenderAsync();

        foreach (var service in Services)
        {
            var egress = Egress(policies[$"allow-{service}"]);
            Assert.Contains($"{Dns} UDP/53", egress);
            Assert.Contains($"{Dns} TCP/53", egress);
        }
        string[] broker = [$"{Named("rabbitmq")} TCP/5672"];
        string[] database = [$"{Named("postgresql")} TCP/5432"];
        string[] dns = [$"{Dns} UDP/53", $"{Dns} TCP/53"];
        Assert.Equal([$"{Pods("identity")} TCP/7100", .. dns, .. broker, .. database], Egress(policies["allow-catalog"]));
        Assert.Equal([$"{Pods("catalog")} TCP/7200", $"{Pods("identity")} TCP/7100", .. dns, .. broker, .. database], Egress(policies["allow-orders"]));
        Assert.Equal([$"{Pods("identity")} TCP/7100", $"{Pods("payment-provider")} TCP/7500", .. dns, .. broker, .. database], Egress(policies["allow-payments"]));
        Assert.Equal([$"{Pods("catalog")} TCP/7200", $"{Pods("identity")} TCP/7100", $"{Pods("orders")} TCP/7300", .. dns], Egress(policies["allow-gateway"]));
        Assert.Equal([.. dns, .. database], Egress(policies["allow-identity"]));
        Assert.Equal([.. dns, .. database], Egress(policies["allow-payment-provider"]));

        Assert.Equal([$"{Pods("catalog")} TCP/5672", $"{Pods("orders")} TCP/5672", $"{Pods("payments")} TCP/5672"], Ingress(policies["allow-rabbitmq"]));
        Assert.Equal(Services.Where(s => s != "gateway").Select(s => $"{Pods(s)} TCP/5432"), Ingress(policies["allow-postgresql"]));
    }

    [Fact]
    public async Task The_operator_identity_is_not_a_pod_so_it_gets_no_rule_and_a_comment_says_so()
    {
        using var workspace = ShopCheckout.Workspace();

        Assert.Equal(ExitCodes.Success, await workspace.RunAsync("policy", "render", "networkpolicy"));

        var yaml = workspace.Out.ToString();
        Assert.Contains("# Not rendered: calls from mosaic, which the policy allows but which are not services of mosaic.yaml", yaml);
        Assert.DoesNotContain("app.kubernetes.io/name: mosaic\n", yaml);
        Assert.Contains("#   app.kubernetes.io/name: SERVICE", yaml);
        Assert.Equal("", workspace.Error.ToString());
    }

    [Fact]
    public async Task The_namespace_and_the_output_file_are_the_ones_asked_for()
    {
        using var workspace = ShopCheckout.Workspace();
        var file = Path.Combine(workspace.Root, "policies.yaml");

        Assert.Equal(ExitCodes.Success, await workspace.RunAsync("policy", "render", "networkpolicy", "--namespace", "shop-staging", "--output", file));

        Assert.Equal($"Wrote 9 NetworkPolicies for namespace shop-staging to {file}.", workspace.Out.ToString().Trim());
        Assert.All(ShopCheckout.Documents(File.ReadAllText(file)), d => Assert.Equal("shop-staging", Map(d["metadata"])["namespace"]));
    }

    [Theory]
    [InlineData("Shop")]
    [InlineData("shop_staging")]
    [InlineData("-shop")]
    public async Task A_namespace_Kubernetes_would_refuse_is_a_usage_error(string name)
    {
        using var workspace = ShopCheckout.Workspace();

        Assert.Equal(ExitCodes.Usage, await workspace.RunAsync("policy", "render", "networkpolicy", "--namespace", name));

        Assert.Contains($"'{name}' is not a Kubernetes namespace name", workspace.AllOutput);
    }

    [Fact]
    public async Task A_policy_that_cannot_be_read_fails_with_its_file_and_line_and_no_stack_trace()
    {
        using var workspace = ShopCheckout.Workspace("mode: enforce\ncalls:\n  - from: gateway\n    too: identity\n");

        Assert.Equal(ExitCodes.Failure, await workspace.RunAsync("policy", "render", "networkpolicy"));

        Assert.Contains("policies/policy.yaml:4", workspace.Error.ToString());
        Assert.DoesNotContain("   at ", workspace.AllOutput);
        Assert.Equal("", workspace.Out.ToString());
    }

    [Fact]
    public async Task Without_a_policy_it_says_where_one_belongs()
    {
        using var workspace = ShopCheckout.Workspace();
        File.Delete(Path.Combine(workspace.Root, "policies", "policy.yaml"));

        Assert.Equal(ExitCodes.Failure, await workspace.RunAsync("policy", "render", "rabbitmq"));

        Assert.Contains("There is no policy at", workspace.Error.ToString());
    }

    private static async Task<Dictionary<string, Dictionary<object, object>>> RenderAsync()
    {
        using var workspace = ShopCheckout.Workspace();
        Assert.Equal(ExitCodes.Success, await workspace.RunAsync("policy", "render", "networkpolicy"));
        return ShopCheckout.Documents(workspace.Out.ToString()).ToDictionary(d => (string)Map(d["metadata"])["name"]);
    }

    private static string Pods(string service) => $"pods app.kubernetes.io/name={service}, app.kubernetes.io/part-of=mosaic-shop";

    private static string Named(string name) => $"pods app.kubernetes.io/name={name}";

    private static List<string> Ingress(Dictionary<object, object> policy) => Rules(policy, "ingress", "from");

    private static List<string> Egress(Dictionary<object, object> policy) => Rules(policy, "egress", "to");

    /// <summary>One line per peer and port a rule allows, in the order written.</summary>
    private static List<string> Rules(Dictionary<object, object> policy, string direction, string peers)
    {
        var spec = Map(policy["spec"]);
        if (!spec.TryGetValue(direction, out var rules)) return [];
        var lines = new List<string>();
        foreach (var rule in List(rules).Select(Map))
        {
            IEnumerable<string> who = rule.TryGetValue(peers, out var listed) ? List(listed).Select(p => Peer(Map(p))) : [Anywhere];
            foreach (var peer in who)
                foreach (var port in List(rule["ports"]).Select(Map))
                    lines.Add($"{peer} {port["protocol"]}/{port["port"]}");
        }
        return lines;
    }

    private static string Peer(Dictionary<object, object> peer)
    {
        var parts = new List<string>();
        if (peer.TryGetValue("namespaceSelector", out var namespaces))
            parts.Add(Map(namespaces).Count == 0 ? "any namespace" : $"namespace {Labels(Map(namespaces))}");
        if (peer.TryGetValue("podSelector", out var pods)) parts.Add($"pods {Labels(Map(pods))}");
        return parts.SequenceEqual(["any namespace"]) ? Cluster : string.Join(", ", parts);
    }

    private static string Labels(Dictionary<object, object> selector) =>
        string.Join(", ", Map(selector["matchLabels"]).Select(l => $"{l.Key}={l.Value}").Order(StringComparer.Ordinal));

    private static Dictionary<object, object> Map(object? value) => Assert.IsType<Dictionary<object, object>>(value);

    private static List<object> List(object? value) => Assert.IsType<List<object>>(value);
}
