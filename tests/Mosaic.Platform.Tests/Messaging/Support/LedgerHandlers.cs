using System.Diagnostics;
using Mosaic.Platform.Messaging;

namespace Mosaic.Platform.Tests.Messaging.Support;

/// <summary>Records a deposit as an effect row and announces it; misbehaves as the script says.</summary>
public sealed class DepositMadeHandler(LedgerDbContext db, IEventBus bus, HandlerScript script) : IEventHandler<DepositMade>
{
    public async Task HandleAsync(DepositMade @event, EventContext context, CancellationToken cancellationToken)
    {
        var call = script.NextCall();
        script.Seen.Enqueue((context, @event, Activity.Current?.TraceId.ToHexString()));
        db.Effects.Add(new Effect
        {
            Id = Guid.NewGuid(),
            MessageId = context.MessageId,
            AccountId = @event.AccountId,
            AmountCents = @event.AmountCents,
            Currency = @event.Currency,
        });
        bus.Publish(new DepositAudited(@event.AccountId));
        if (script.HangOnFirstDelivery && call == 1)
        {
            script.Hanging.TrySetResult();
            await script.Release.Task.ConfigureAwait(false);
        }
        if (call <= script.FailTimes) throw new InvalidOperationException($"Scripted failure {call}.");
        if (@event.AmountCents == script.FailAmount) throw new InvalidOperationException($"Scripted failure for {@event.AmountCents}.");
    }
}

/// <summary>Remembers what the auditing service published, to check correlation and causation.</summary>
public sealed class DepositAuditedHandler(HandlerScript script) : IEventHandler<DepositAudited>
{
    public Task HandleAsync(DepositAudited @event, EventContext context, CancellationToken cancellationToken)
    {
        script.NextCall();
        script.Seen.Enqueue((context, @event, Activity.Current?.TraceId.ToHexString()));
        return Task.CompletedTask;
    }
}
