using System.Diagnostics;
using System.Globalization;
using Mosaic.Cli.CommandLine;

namespace Mosaic.Cli.Chaos.Experiments;

/// <summary>
/// <c>reset-connections SERVICE</c>: every established TCP connection to the service's API ports is torn
/// down (<c>ss -K</c>, which needs root and a kernel with socket destroy), once a second for the fault's
/// duration: its callers see connections reset mid-request, as when a middlebox or a peer drops them.
/// </summary>
public sealed class ResetConnections(string service) : IChaosExperiment, IDisposable
{
    private CancellationTokenSource? _stop;
    private Task<int>? _resetting;

    public string Title => $"reset-connections {service}";

    public string Hypothesis =>
        $"With connections to {service} reset every second, callers reconnect; a reset request is retried only where that is safe, and every invariant holds.";

    public bool LastsForDuration => true;

    public async Task<string> InjectAsync(ChaosTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var ports = target.Manifest.GetService(service).AllInstances().Select(i => i.Port).ToList();
        var first = await ResetAsync(ports, cancellationToken);
        if (first < 0) throw new CliException("reset-connections needs 'ss -K' (iproute2, run as root, on a kernel with CONFIG_INET_DIAG_DESTROY); it did not run here.");
        _stop = new CancellationTokenSource();
        _resetting = RepeatAsync(ports, _stop.Token);
        return string.Create(CultureInfo.InvariantCulture, $"resetting connections to {service} (ports {string.Join(", ", ports)}) every second");
    }

    public async Task<string> EndAsync(ChaosTarget target, CancellationToken cancellationToken)
    {
        if (_stop is null || _resetting is null) return "nothing was being reset";
        await _stop.CancelAsync();
        var rounds = await _resetting;
        return string.Create(CultureInfo.InvariantCulture, $"stopped resetting connections after {rounds + 1} round(s)");
    }

    private static async Task<int> RepeatAsync(IReadOnlyList<int> ports, CancellationToken stop)
    {
        var rounds = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                await ResetAsync(ports, CancellationToken.None);
                rounds++;
            }
        }
        catch (OperationCanceledException)
        {
            // the fault's time is over
        }
        return rounds;
    }

    /// <summary>Runs <c>ss -K</c> for connections to the ports; the exit code, or -1 when ss cannot run.</summary>
    private static async Task<int> ResetAsync(IReadOnlyList<int> ports, CancellationToken cancellationToken)
    {
        var filter = string.Join(" or ", ports.Select(p => string.Create(CultureInfo.InvariantCulture, $"dport = :{p}")));
        var info = new ProcessStartInfo("ss") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-K", "-t", "state", "established", $"( {filter} )" }) info.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(info)!;
            await Task.WhenAll(process.StandardOutput.ReadToEndAsync(cancellationToken), process.StandardError.ReadToEndAsync(cancellationToken), process.WaitForExitAsync(cancellationToken));
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }

    public void Dispose() => _stop?.Dispose();
}
