using Mosaic.Cli.CommandLine;

namespace Mosaic.Cli.Tests.Policies;

/// <summary>
/// The rendered NetworkPolicies are valid Kubernetes objects: checked by <c>kubernetes-models</c> (the API's own
/// schema) plus a check of field names, with the npm packages pinned in <c>Policies/Kubernetes/package-lock.json</c>
/// and installed into a temporary folder with <c>npm ci</c>. Node.js and npm are required: without them this fails.
/// </summary>
public sealed class NetworkPolicyValidationTests(NetworkPolicyValidator validator) : IClassFixture<NetworkPolicyValidator>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_rendered_NetworkPolicies_are_valid_Kubernetes_objects()
    {
        using var workspace = ShopCheckout.Workspace();
        var yaml = Path.Combine(validator.Folder, "rendered.yaml");
        Assert.Equal(ExitCodes.Success, await workspace.RunAsync("policy", "render", "networkpolicy", "--output", yaml));

        var validation = await validator.ValidateAsync(yaml);

        Assert.True(validation.ExitCode == 0, validation.Output);
        Assert.Contains("9 NetworkPolicies, 0 problem(s)", validation.Output);
    }

    [Theory]
    [InlineData("      port: 7200", "      port: [7200]", "port must be")]
    [InlineData("  - from:", "  - fromm:", "/spec/ingress/0/fromm is not a field of a NetworkPolicy")]
    [InlineData("  - Ingress", "  - Inbound", "policyTypes")]
    public async Task The_validator_refuses_a_broken_NetworkPolicy(string correct, string broken, string problem)
    {
        var yaml = Path.Combine(validator.Folder, $"broken-{Guid.NewGuid():N}.yaml");
        var valid = """
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: broken
            spec:
              podSelector: {}
              policyTypes:
              - Ingress
              ingress:
              - from:
                - namespaceSelector: {}
                ports:
                - protocol: TCP
                  port: 7200
            """;
        Assert.Contains(correct + "\n", valid + "\n");
        await File.WriteAllTextAsync(yaml, valid.Replace(correct, broken, StringComparison.Ordinal), Ct);

        var validation = await validator.ValidateAsync(yaml);

        Assert.True(validation.ExitCode == 1, validation.Output);
        Assert.Contains(problem, validation.Output);
    }
}
