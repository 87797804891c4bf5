using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mosaic.Platform.Messaging;
using Mosaic.Platform.Messaging.Outbox;
using Mosaic.Platform.Messaging.Storage;
using Mosaic.Platform.Messaging.Transport;
using Mosaic.Platform.Tests.Messaging.Support;

namespace Mosaic.Platform.Tests.Messaging;

/// <summary>
/// The outbox → transport → inbox path between two real services on the embedded bus, including
/// the crashes and bad messages it exists to survive.
/// </summary>
public sealed class OutboxInboxTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly MessagingSystem system = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => system.DisposeAsync();

    [Fact]
    public async Task A_published_event_is_handled_once_with_its_envelope_and_trace()
    {
        var audit = await system.StartAuditAsync();
        await system.StartBankAsync();
        using var api = system.ApiOf("bank");
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var account = Guid.NewGuid();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/deposits") { Content = JsonContent.Create(new DepositMade(account, 1250, "EUR")) };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        var response = await api.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        await MessagingSystem.WaitUntilAsync(async () => await MessagingSystem.CountEffectsAsync(audit) == 1, Patience, "audit handled the deposit");
        var (context, @event, handlerTraceId) = Assert.Single(system.AuditScript.Seen);
        Assert.Equal(new DepositMade(account, 1250, "EUR"), @event);
        Assert.Equal(EventTypeName.Parse(LedgerEvents.DepositMade), context.EventType);
        Assert.Equal("bank", context.Source);
        Assert.Equal(1, context.Attempt);
        Assert.Equal(traceId, handlerTraceId);
        Assert.Equal(traceId, context.CorrelationId);
    }

    [Fact]
    public async Task An_event_published_while_handling_carries_the_correlation_and_names_its_cause()
    {
        await system.StartAuditAsync();
        await system.StartBankAsync();
        using var api = system.ApiOf("bank");
        (await api.PostAsJsonAsync("/deposits", new DepositMade(Guid.NewGuid(), 100, "EUR"), TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        await MessagingSystem.WaitUntilAsync(() => Task.FromResult(system.BankScript.Calls == 1), Patience, "bank received the audit event");
        var deposit = Assert.Single(system.AuditScript.Seen).Context;
        var audited = Assert.Single(system.BankScript.Seen).Context;
        Assert.Equal("audit", audited.Source);
        Assert.Equal(deposit.CorrelationId, audited.CorrelationId);
    }

    [Fact]
    public async Task Events_committed_before_the_relay_could_ship_them_are_shipped_once_after_a_restart()
    {
        var audit = await system.StartAuditAsync();

        // The bank "process" commits two events and dies before its relay ever runs.
        var crashed = await system.StartBankAsync(start: false);
        await using (var scope = crashed.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LedgerDbContext>();
            await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
            var bus = scope.ServiceProvider.GetRequiredService<IEventBus>();
            bus.Publish(new DepositMade(Guid.NewGuid(), 1, "EUR"));
            bus.Publish(new DepositMade(Guid.NewGuid(), 2, "EUR"));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        await crashed.DisposeAsync();
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.Equal(0, await MessagingSystem.CountEffectsAsync(audit));

        var restarted = await system.StartBankAsync();
        await MessagingSystem.WaitUntilAsync(async () => await MessagingSystem.CountEffectsAsync(audit) == 2, Patience, "both deposits were handled");
        await MessagingSystem.WaitUntilAsync(async () => await OutboxCountAsync(restarted) == 0, Patience, "the bank's outbox drained");
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Assert.Equal(2, await MessagingSystem.CountEffectsAsync(audit));
    }

    [Fact]
    public async Task Two_relays_sharing_an_outbox_ship_every_event_and_none_twice()
    {
        var audit = await system.StartAuditAsync();
        var bank = await system.StartBankAsync(start: false);
        var ct = TestContext.Current.CancellationToken;
        await using (var scope = bank.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LedgerDbContext>();
            await db.Database.MigrateAsync(ct);
            var bus = scope.ServiceProvider.GetRequiredService<IEventBus>();
            for (var batch = 0; batch < 10; batch++)
            {
                for (var i = 1; i <= 30; i++) bus.Publish(new DepositMade(Guid.NewGuid(), (batch * 30) + i, "EUR"));
                await db.SaveChangesAsync(ct);
            }
        }

        // Two instances' relays (each its own owner) take batches of different sizes from the same rows at the
        // same time, so one often reads rows the other has just leased and must ship only the rest. (SQLite runs
        // each relay's statements synchronously, so the race is real on PostgreSQL, where CI runs this too.)
        var shipped = await Task.WhenAll(new[] { 20, 35 }.Select(async batchSize =>
        {
            var relay = ActivatorUtilities.CreateInstance<OutboxRelay<LedgerDbContext>>(bank.Services);
            var total = 0;
            for (var idle = 0; idle < 3;)
            {
                var count = (await relay.ShipBatchAsync(batchSize, ct)).Shipped;
                total += count;
                idle = count == 0 ? idle + 1 : 0;
                if (count == 0) await Task.Delay(20, ct);
            }
            return total;
        }));

        Assert.Equal(300, shipped.Sum());
        Assert.Equal(0, await OutboxCountAsync(bank));
        await MessagingSystem.WaitUntilAsync(async () => await MessagingSystem.CountEffectsAsync(audit) == 300, Patience, "every deposit was handled");
        await bank.DisposeAsync();
    }

    [Fact]
    public async Task A_consumer_that_dies_mid_handler_loses_the_message_to_the_next_one_and_the_effect_happens_once()
    {
        system.Settings["Mosaic:Messaging:ConsumerLease"] = "00:00:02";
        system.Settings["Mosaic:Messaging:ConsumerDrainTimeout"] = "00:00:00.200";
        system.AuditScript.HangOnFirstDelivery = true;
        var first = await system.StartAuditAsync();
        await system.StartBankAsync();
        using var api = system.ApiOf("bank");
        (await api.PostAsJsonAsync("/deposits", new DepositMade(Guid.NewGuid(), 700, "EUR"), TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        await system.AuditScript.Hanging.Task.WaitAsync(Patience, TestContext.Current.CancellationToken);

        // The first audit instance stops answering mid-handler; its work was never committed.
        await system.StopAsync(first);
        var second = await system.StartAuditAsync();

        await MessagingSystem.WaitUntilAsync(async () => await MessagingSystem.CountEffectsAsync(second) == 1, Patience, "the second instance handled the deposit");
        Assert.Equal(2, system.AuditScript.Seen.Last().Context.Attempt);

        // The hung handler finally returns: its stale unit of work must not add a second effect.
        system.AuditScript.Release.TrySetResult();
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Assert.Equal(1, await MessagingSystem.CountEffectsAsync(second));
    }

    [Fact]
    public async Task A_message_delivered_twice_takes_effect_once_and_is_counted_as_a_duplicate()
    {
        var audit = await system.StartAuditAsync();
        var transport = MessagingSystem.OpenBus(audit);
        var message = Envelope(LedgerEvents.DepositMade, new DepositMade(Guid.NewGuid(), 5, "EUR"));

        await transport.PublishAsync([message], TestContext.Current.CancellationToken);
        await MessagingSystem.WaitUntilAsync(async () => await MessagingSystem.CountEffectsAsync(audit) == 1, Patience, "the first copy was handled");
        await transport.PublishAsync([message], TestContext.Current.CancellationToken);

        using var management = system.ManagementOf("audit");
        await MessagingSystem.WaitUntilAsync(async () => (await management.GetStringAsync("/metrics", TestContext.Current.CancellationToken))
            .Contains("mosaic_messaging_duplicates_skipped_total{", StringComparison.Ordinal), Patience, "the duplicate was counted");
        // A grouped handler may run for the copy inside its group, whose transaction the copy's inbox key then rolls back:
        // what must hold is one effect and one inbox row.
        Assert.Equal(1, await MessagingSystem.CountEffectsAsync(audit));
        await using var scope = audit.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<LedgerDbContext>().Set<InboxMessage>().CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_unreadable_message_goes_to_the_dead_letters_at_once()
    {
        var audit = await system.StartAuditAsync();
        var transport = MessagingSystem.OpenBus(audit);
        var poison = new OutgoingMessage(Guid.NewGuid(), LedgerEvents.DepositMade, Encoding.UTF8.GetBytes("{not json"));

        await transport.PublishAsync([poison], TestContext.Current.CancellationToken);

        var dead = await WaitForDeadLetterAsync(audit);
        Assert.Equal(poison.MessageId, dead.MessageId);
        Assert.Equal(1, dead.Attempts);
        Assert.Contains("cannot be read", dead.Error, StringComparison.Ordinal);
        Assert.Equal(0, system.AuditScript.Calls);
    }

    [Fact]
    public async Task A_handler_that_keeps_failing_is_retried_then_dead_lettered_and_a_redrive_handles_it()
    {
        system.Settings["Mosaic:Messaging:MaxAttempts"] = "3";
        system.AuditScript.FailTimes = int.MaxValue;
        var audit = await system.StartAuditAsync();
        var transport = MessagingSystem.OpenBus(audit);
        await transport.PublishAsync([Envelope(LedgerEvents.DepositMade, new DepositMade(Guid.NewGuid(), 9, "EUR"))], TestContext.Current.CancellationToken);

        var dead = await WaitForDeadLetterAsync(audit);
        // A failure inside a commit group is run once more on its own before it counts, so deliveries, not calls, are compared.
        Assert.Equal([1, 2, 3], system.AuditScript.Seen.Select(s => s.Context.Attempt).Distinct().Order());
        Assert.Equal(3, dead.Attempts);
        Assert.Contains("Scripted failure", dead.Error, StringComparison.Ordinal);
        Assert.Equal(0, await MessagingSystem.CountEffectsAsync(audit));

        system.AuditScript.FailTimes = 0;
        var administration = audit.Services.GetRequiredService<IBusAdministration>();
        Assert.Equal(1, await administration.RedriveAsync("audit", null, TestContext.Current.CancellationToken));
        await MessagingSystem.WaitUntilAsync(async () => await MessagingSystem.CountEffectsAsync(audit) == 1, Patience, "the redriven message was handled");
        Assert.Empty(await administration.DeadLettersAsync("audit", 10, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Messages_committed_together_keep_their_effects_apart_when_one_of_them_fails()
    {
        system.Settings["Mosaic:Messaging:MaxAttempts"] = "2";
        system.AuditScript.FailAmount = 13;
        var audit = await system.StartAuditAsync();
        var transport = MessagingSystem.OpenBus(audit);

        // Forty deposits arrive at once, so they are handled in commit groups; one of them always fails.
        await transport.PublishAsync(
            Enumerable.Range(1, 40).Select(amount => Envelope(LedgerEvents.DepositMade, new DepositMade(Guid.NewGuid(), amount, "EUR"))).ToList(),
            TestContext.Current.CancellationToken);

        var dead = await WaitForDeadLetterAsync(audit);
        await MessagingSystem.WaitUntilAsync(async () => await MessagingSystem.CountEffectsAsync(audit) == 39, Patience, "the other 39 were handled");
        Assert.Contains("Scripted failure for 13", dead.Error, StringComparison.Ordinal);
        await using var scope = audit.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LedgerDbContext>();
        Assert.DoesNotContain(13L, await db.Effects.Select(e => e.AmountCents).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(40, await db.Set<InboxMessage>().CountAsync(TestContext.Current.CancellationToken) + 1);
    }

    [Fact]
    public async Task An_older_event_version_is_upcast_before_the_handler_sees_it()
    {
        var audit = await system.StartAuditAsync();
        var account = Guid.NewGuid();
        await MessagingSystem.OpenBus(audit).PublishAsync([Envelope(LedgerEvents.DepositMadeV1, new DepositMadeV1(account, 42))], TestContext.Current.CancellationToken);

        await MessagingSystem.WaitUntilAsync(async () => await MessagingSystem.CountEffectsAsync(audit) == 1, Patience, "the v1 deposit was handled");
        var (context, @event, _) = Assert.Single(system.AuditScript.Seen);
        Assert.Equal(new DepositMade(account, 42, "EUR"), @event);
        Assert.Equal(1, context.EventType.Version);
    }

    [Fact]
    public async Task Publishing_an_undeclared_event_type_says_how_to_declare_it()
    {
        var bank = await system.StartBankAsync();
        await using var scope = bank.Services.CreateAsyncScope();
        var bus = scope.ServiceProvider.GetRequiredService<IEventBus>();

        var error = Assert.Throws<InvalidOperationException>(() => bus.Publish(new DepositAudited(Guid.NewGuid())));
        Assert.Contains("Publishes<DepositAudited>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_and_info_show_the_traffic_and_the_outbox()
    {
        await system.StartAuditAsync();
        await system.StartBankAsync();
        using var api = system.ApiOf("bank");
        (await api.PostAsJsonAsync("/deposits", new DepositMade(Guid.NewGuid(), 1, "EUR"), TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        await MessagingSystem.WaitUntilAsync(() => Task.FromResult(system.BankScript.Calls == 1), Patience, "the round trip finished");

        using var bank = system.ManagementOf("bank");
        using var audit = system.ManagementOf("audit");
        var bankMetrics = await bank.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        var auditMetrics = await audit.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Matches("mosaic_messaging_published_total\\{[^}]*event_type=\"ledger.deposit-made.v2\"[^}]*\\} 1", bankMetrics);
        Assert.Matches("mosaic_messaging_consumed_total\\{[^}]*event_type=\"ledger.deposit-made.v2\"[^}]*\\} 1", auditMetrics);
        Assert.Matches("mosaic_messaging_handler_duration_seconds_count\\{[^}]*event_type=\"ledger.deposit-made.v2\"", auditMetrics);
        Assert.Matches("mosaic_messaging_publish_to_handle_seconds_count\\{[^}]*event_type=\"ledger.deposit-made.v2\"", auditMetrics);
        Assert.Contains("mosaic_messaging_outbox_backlog", bankMetrics, StringComparison.Ordinal);

        using var info = JsonDocument.Parse(await audit.GetStringAsync("/info", TestContext.Current.CancellationToken));
        var messaging = info.RootElement.GetProperty("messaging");
        Assert.Equal("embedded", messaging.GetProperty("transport").GetString());
        Assert.Equal("audit", messaging.GetProperty("queue").GetString());
        Assert.Contains(messaging.GetProperty("consumes").EnumerateArray(), e => e.GetString() == LedgerEvents.DepositMadeV1);
        Assert.Equal(0, messaging.GetProperty("outbox").GetProperty("backlog").GetInt64());
    }

    private static OutgoingMessage Envelope<T>(string eventType, T data) =>
        TestEnvelopes.For(eventType, data, source: "test", correlationId: "test-correlation");

    private static async Task<DeadLetter> WaitForDeadLetterAsync(Microsoft.AspNetCore.Builder.WebApplication app)
    {
        var administration = app.Services.GetRequiredService<IBusAdministration>();
        IReadOnlyList<DeadLetter> dead = [];
        await MessagingSystem.WaitUntilAsync(async () =>
            (dead = await administration.DeadLettersAsync("audit", 10, TestContext.Current.CancellationToken)).Count > 0, Patience, "a dead letter appeared");
        return Assert.Single(dead);
    }

    private static async Task<int> OutboxCountAsync(Microsoft.AspNetCore.Builder.WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LedgerDbContext>().Set<OutboxMessage>().CountAsync();
    }
}
