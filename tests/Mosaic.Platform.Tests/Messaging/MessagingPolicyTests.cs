using Microsoft.Extensions.DependencyInjection;
using Mosaic.Platform.Configuration;
using Mosaic.Platform.Messaging.Transport;
using Mosaic.Platform.Tests.Messaging.Support;

namespace Mosaic.Platform.Tests.Messaging;

/// <summary>The policy's event rules: a service starts only if it may publish and consume what it declares, and a consumer refuses a message its publisher had no right to send.</summary>
public sealed class MessagingPolicyTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly MessagingSystem system = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => system.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_service_whose_subscription_the_policy_does_not_allow_does_not_start_and_says_which()
    {
        UsePolicy(depositConsumers: "[bank]");

        var refused = await Assert.ThrowsAsync<InvalidSettingsException>(() => system.StartAuditAsync());

        Assert.Contains("subscribes to ledger.deposit-made, which the policy does not allow audit to consume", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_whose_publishing_the_policy_does_not_allow_does_not_start_and_says_which()
    {
        UsePolicy(depositPublishers: "[audit]");

        var refused = await Assert.ThrowsAsync<InvalidSettingsException>(() => system.StartBankAsync());

        Assert.Contains("publishes ledger.deposit-made, which the policy does not allow bank to publish", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("intruder", "The policy does not allow intruder to publish ledger.deposit-made to audit")]
    [InlineData("", "The policy does not allow  to publish ledger.deposit-made to audit")]
    public async Task A_message_from_a_service_that_may_not_publish_it_or_naming_none_is_dead_lettered_without_running_the_handler(string source, string error)
    {
        UsePolicy();
        var audit = await system.StartAuditAsync();
        var bus = MessagingSystem.OpenBus(audit);

        await bus.PublishAsync([TestEnvelopes.For(LedgerEvents.DepositMade, new DepositMade(Guid.NewGuid(), 5, "EUR"), source)], Ct);

        var administration = audit.Services.GetRequiredService<IBusAdministration>();
        IReadOnlyList<DeadLetter> dead = [];
        await MessagingSystem.WaitUntilAsync(async () => (dead = await administration.DeadLettersAsync("audit", 10, Ct)).Count > 0, Patience, "a dead letter appeared");
        Assert.Contains(error, Assert.Single(dead).Error, StringComparison.Ordinal);
        Assert.Equal(0, system.AuditScript.Calls);
    }

    [Fact]
    public async Task A_message_from_an_allowed_publisher_is_handled()
    {
        UsePolicy();
        var audit = await system.StartAuditAsync();
        var bus = MessagingSystem.OpenBus(audit);

        await bus.PublishAsync([TestEnvelopes.For(LedgerEvents.DepositMade, new DepositMade(Guid.NewGuid(), 5, "EUR"), source: "bank")], Ct);

        await MessagingSystem.WaitUntilAsync(() => Task.FromResult(system.AuditScript.Calls == 1), Patience, "the handler ran");
    }

    [Fact]
    public async Task In_audit_mode_a_disallowed_subscription_starts_and_is_counted_as_would_deny()
    {
        UsePolicy(depositConsumers: "[bank]", mode: "audit");

        await system.StartAuditAsync();

        using var management = system.ManagementOf("audit");
        var metrics = await management.GetStringAsync("/metrics", Ct);
        Assert.Contains(metrics.Split('\n'), line => line.StartsWith("mosaic_policy_decisions_total{", StringComparison.Ordinal)
            && line.Contains("decision=\"would-deny\"", StringComparison.Ordinal) && line.Contains("target=\"audit\"", StringComparison.Ordinal));
    }

    private void UsePolicy(string depositPublishers = "[bank]", string depositConsumers = "[audit]", string mode = "enforce")
    {
        var path = Path.Combine(system.StateDirectory, "policy.yaml");
        File.WriteAllText(path, $"""
            mode: {mode}
            events:
              ledger.deposit-made:
                publishers: {depositPublishers}
                consumers: {depositConsumers}
              audit.deposit-audited:
                publishers: [audit]
                consumers: [bank]
            """);
        system.Settings["Mosaic:Security:Policy"] = path;
    }
}
