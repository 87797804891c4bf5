using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Mosaic.Platform.Tests.Messaging.Support;

namespace Mosaic.Platform.Tests.Messaging;

/// <summary>
/// The production transport riding out its broker's restart: a RabbitMQ node of the test's own (so no
/// other test sees the outage), stopped and started while a stream of events flows through it.
/// </summary>
public sealed class BrokerRestartTests
{
    private const int Deposits = 1_000;

    /// <summary>Deposits posted when the broker is stopped: enough that the stream is in full flow, with most of it still to come.</summary>
    private const int RestartAfter = 300;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_broker_restart_during_a_stream_of_1000_events_loses_none_and_applies_each_once()
    {
        await using var folder = new ServerTestFolder();
        using var bounded = ServerTestFolder.Bounded();
        var servers = folder.RabbitMqServers();
        await servers.StartRabbitMqAsync(bounded.Token);
        await servers.PrepareRabbitMqAsync(bounded.Token);
        await using var system = new MessagingSystem();
        system.Settings["Mosaic:Messaging:Transport"] = "rabbitmq";
        system.Settings["Mosaic:Messaging:RabbitMq:Uri"] = servers.RabbitMqAccounts!.AdminUri.AbsoluteUri;
        system.Settings["Mosaic:Messaging:RabbitMq:ReconnectInterval"] = "00:00:00.500";
        var audit = await system.StartAuditAsync();
        await system.StartBankAsync();
        using var api = system.ApiOf("bank");

        // Posting needs only bank's database: the outbox holds what the broker cannot take yet.
        var posted = 0;
        Task? restart = null;
        using var posting = new SemaphoreSlim(8);
        var posts = Enumerable.Range(1, Deposits).Select(async amount =>
        {
            await posting.WaitAsync(Ct);
            try
            {
                using var response = await api.PostAsJsonAsync("/deposits", new DepositMade(Guid.NewGuid(), amount, "EUR"), Ct);
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                if (Interlocked.Increment(ref posted) == RestartAfter)
                    restart = servers.RabbitMq!.RestartAsync(bounded.Token);
            }
            finally
            {
                posting.Release();
            }
        });
        await Task.WhenAll(posts);
        Assert.NotNull(restart);
        await restart;

        // Every deposit handled by audit once, and every audit event it published handled by bank once.
        await MessagingSystem.WaitUntilAsync(async () => await MessagingSystem.CountEffectsAsync(audit) >= Deposits, TimeSpan.FromMinutes(2), $"audit has handled all {Deposits} deposits");
        await MessagingSystem.WaitUntilAsync(() => Task.FromResult(DistinctAuditsSeenByBank(system) >= Deposits), TimeSpan.FromMinutes(2), $"bank has handled all {Deposits} audit events");
        // Redeliveries of messages whose acknowledgement the restart lost may still be arriving: give them time to show up as duplicates.
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);

        await using var scope = audit.Services.CreateAsyncScope();
        var effects = await scope.ServiceProvider.GetRequiredService<LedgerDbContext>().Effects.AsNoTracking().ToListAsync(Ct);
        Assert.Equal(Deposits, effects.Count);
        Assert.Equal(Deposits, effects.Select(e => e.MessageId).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, Deposits).Select(a => (long)a), effects.Select(e => e.AmountCents).Order());
        Assert.Equal(Deposits, DistinctAuditsSeenByBank(system));
    }

    private static int DistinctAuditsSeenByBank(MessagingSystem system) =>
        system.BankScript.Seen.Select(s => s.Context.MessageId).Distinct().Count();
}
