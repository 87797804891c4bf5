using Mosaic.Bench.Messaging.Data;
using Mosaic.Platform.Messaging;

namespace Mosaic.Bench.Messaging.Consumer;

/// <summary>Writes one effect row, so the platform's inbox transaction commits a real state change.</summary>
public sealed class EffectHandler(BenchDbContext db) : IEventHandler<BenchEvent>
{
    public Task HandleAsync(BenchEvent integrationEvent, EventContext context, CancellationToken cancellationToken)
    {
        db.Effects.Add(new Effect
        {
            MessageId = context.MessageId,
            Run = integrationEvent.Run,
            Seq = integrationEvent.Seq,
            HandledAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        });
        db.Handling = new HandledEvent(integrationEvent.Run, integrationEvent.Seq, integrationEvent.Measured, context.Time, integrationEvent.ScheduledAt);
        return Task.CompletedTask;
    }
}
