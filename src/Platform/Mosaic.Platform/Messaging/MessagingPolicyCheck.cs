using Microsoft.Extensions.Hosting;
using Mosaic.Platform.Configuration;
using Mosaic.Platform.Policy;
using Mosaic.Platform.Policy.Enforcement;

namespace Mosaic.Platform.Messaging;

/// <summary>
/// Before the relay or the consumer starts: every event type this service declares it publishes or
/// consumes must be allowed by the policy, or (in enforce mode) the service does not start and says which.
/// </summary>
internal sealed class MessagingPolicyCheck(MessagingRegistry registry, PolicyEnforcer? policy = null) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (policy is null) return Task.CompletedTask;
        var problems = new List<SettingsProblem>();
        foreach (var name in registry.Published.Values.DistinctBy(n => n.Type))
            if (!policy.AllowsPublish(name.Type))
                problems.Add(Problem($"publishes {name.Type}, which the policy does not allow {policy.Service} to publish"));
        foreach (var name in registry.Consumed.Values.Select(r => r.Name).DistinctBy(n => n.Type))
            if (!policy.AllowsConsume(name.Type))
                problems.Add(Problem($"subscribes to {name.Type}, which the policy does not allow {policy.Service} to consume"));
        return problems.Count == 0 ? Task.CompletedTask : throw new InvalidSettingsException(policy.Service, problems);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static SettingsProblem Problem(string message) =>
        new("AddMosaicMessaging", $"{message}: add the service to the event's rule in {PolicyParser.FolderName}/{PolicyParser.FileName}, or remove the declaration.");
}
