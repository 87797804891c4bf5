using System.Globalization;

namespace Mosaic.Cli.Chaos.Experiments;

/// <summary>
/// <c>cpu-hog</c>: threads that spin for the fault's duration, one per core unless told otherwise,
/// competing with the services for the machine's CPU (a noisy neighbour on the same host).
/// </summary>
public sealed class CpuHog(int threads) : IChaosExperiment, IDisposable
{
    private CancellationTokenSource? _stop;
    private Thread[] _spinners = [];

    public string Title => "cpu-hog";

    public string Hypothesis =>
        string.Create(CultureInfo.InvariantCulture, $"With {threads} busy thread(s) beside the services, latency rises but requests keep succeeding, and it falls back once the hog stops.");

    public bool LastsForDuration => true;

    public Task<string> InjectAsync(ChaosTarget target, CancellationToken cancellationToken)
    {
        _stop = new CancellationTokenSource();
        var token = _stop.Token;
        _spinners = [.. Enumerable.Range(0, threads).Select(i => new Thread(() => Spin(token)) { IsBackground = true, Name = $"cpu hog {i}" })];
        foreach (var spinner in _spinners) spinner.Start();
        return Task.FromResult(string.Create(CultureInfo.InvariantCulture, $"started {threads} spinning thread(s)"));
    }

    public Task<string> EndAsync(ChaosTarget target, CancellationToken cancellationToken)
    {
        _stop?.Cancel();
        foreach (var spinner in _spinners) spinner.Join();
        return Task.FromResult("stopped the spinning threads");
    }

    /// <summary>Burns CPU until told to stop; the arithmetic keeps the JIT from removing the loop.</summary>
    private static void Spin(CancellationToken stop)
    {
        var x = 1UL;
        while (!stop.IsCancellationRequested)
            for (var i = 0; i < 100_000; i++) x = x * 6364136223846793005UL + 1442695040888963407UL;
        GC.KeepAlive(x);
    }

    public void Dispose() => _stop?.Dispose();
}
