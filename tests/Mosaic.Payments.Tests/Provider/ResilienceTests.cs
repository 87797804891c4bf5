using Mosaic.Orders.Contracts.Events;
using Mosaic.PaymentProvider.Contracts;
using Mosaic.Payments.Provider;
using Mosaic.Payments.Tests.Support;

namespace Mosaic.Payments.Tests.Provider;

/// <summary>Timeouts, retries and the circuit breaker between payments and a misbehaving provider.</summary>
public sealed class ResilienceTests : IAsyncLifetime
{
    private readonly PaymentsSystem system = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => system.DisposeAsync();

    private static PaymentRequested Request(Guid orderId) => new(orderId, Guid.NewGuid(), 999, TestTokens.Ok);

    [Fact]
    public async Task During_an_outage_the_handler_throws_then_the_breaker_opens_and_fails_fast_without_calling_the_provider()
    {
        system.Settings["Payments:Provider:MaxAttempts"] = "3";
        system.Settings["Payments:Provider:BreakerMinimumThroughput"] = "4";
        system.Settings["Payments:Provider:BreakerBreakDuration"] = "00:10:00";
        await system.StartAsync();
        await system.Provider.SetFaultsAsync(new FaultSettings { Outage = true });

        // Three attempts, all 503: not yet enough calls for the breaker to judge.
        var first = await Assert.ThrowsAsync<ProviderUnavailableException>(() => system.HandleAsync(Request(Guid.NewGuid())));
        Assert.Contains("503", first.Message, StringComparison.Ordinal);

        // The fourth failure opens the circuit in the middle of this call's retries.
        var second = await Assert.ThrowsAsync<ProviderUnavailableException>(() => system.HandleAsync(Request(Guid.NewGuid())));
        Assert.Contains("circuit is open", second.Message, StringComparison.Ordinal);

        // The provider is back, but the open circuit does not even ask it: nothing is charged.
        await system.Provider.ClearFaultsAsync();
        var orderId = Guid.NewGuid();
        var fast = await Assert.ThrowsAsync<ProviderUnavailableException>(() => system.HandleAsync(Request(orderId)));
        Assert.Contains("circuit is open", fast.Message, StringComparison.Ordinal);
        Assert.Empty(await system.Provider.LedgerAsync(orderId));
        Assert.Null(await system.PaymentOfAsync(orderId));
    }

    [Fact]
    public async Task After_the_break_a_test_call_goes_through_and_closes_the_circuit()
    {
        system.Settings["Payments:Provider:MaxAttempts"] = "1";
        system.Settings["Payments:Provider:BreakerMinimumThroughput"] = "2";
        system.Settings["Payments:Provider:BreakerBreakDuration"] = "00:00:00.500";
        await system.StartAsync();
        await system.Provider.SetFaultsAsync(new FaultSettings { Outage = true });
        await Assert.ThrowsAsync<ProviderUnavailableException>(() => system.HandleAsync(Request(Guid.NewGuid())));
        await Assert.ThrowsAsync<ProviderUnavailableException>(() => system.HandleAsync(Request(Guid.NewGuid())));
        await system.Provider.ClearFaultsAsync();

        // As the platform would, keep redelivering until the half-open test call succeeds.
        var orderId = Guid.NewGuid();
        await PaymentsSystem.WaitUntilAsync(async () =>
        {
            try
            {
                await system.HandleAsync(Request(orderId));
                return true;
            }
            catch (ProviderUnavailableException e) when (e.Message.Contains("circuit is open", StringComparison.Ordinal))
            {
                return false;
            }
        }, "the circuit let a call through again");

        Assert.Single(await system.Provider.LedgerAsync(orderId));
    }

    [Fact]
    public async Task A_provider_slower_than_the_attempt_timeout_fails_the_call_instead_of_hanging()
    {
        system.Settings["Payments:Provider:MaxAttempts"] = "2";
        system.Settings["Payments:Provider:AttemptTimeout"] = "00:00:00.200";
        await system.StartAsync();
        await system.Provider.SetFaultsAsync(new FaultSettings { LatencyMs = 30_000 });

        var error = await Assert.ThrowsAsync<ProviderUnavailableException>(() => system.HandleAsync(Request(Guid.NewGuid())));

        Assert.Contains("did not answer", error.Message, StringComparison.Ordinal);
    }
}
