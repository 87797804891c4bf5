using Mosaic.Identity.Passwords;
using Mosaic.Platform.Problems;

namespace Mosaic.Identity.Tests.Passwords;

public class HashingGateTests
{
    [Fact]
    public async Task When_every_core_is_hashing_and_the_queue_is_full_the_next_caller_is_refused_at_once()
    {
        using var gate = new HashingGate();
        var ct = TestContext.Current.CancellationToken;
        var running = new List<IDisposable>();
        for (var i = 0; i < Environment.ProcessorCount; i++) running.Add(await gate.EnterAsync(ct));
        var queued = Enumerable.Range(0, Environment.ProcessorCount * 16).Select(_ => gate.EnterAsync(ct).AsTask()).ToList();

        var refused = await Assert.ThrowsAsync<ServiceOverloadedException>(() => gate.EnterAsync(ct).AsTask());

        Assert.True(refused.RetryAfter > TimeSpan.Zero);
        Assert.All(queued, turn => Assert.False(turn.IsCompleted));
        running[0].Dispose();
        (await queued[0]).Dispose();
        foreach (var turn in running.Skip(1)) turn.Dispose();
        foreach (var turn in queued.Skip(1)) (await turn).Dispose();
    }
}
