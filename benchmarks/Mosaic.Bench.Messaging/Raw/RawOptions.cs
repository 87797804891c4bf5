using System.Globalization;

namespace Mosaic.Bench.Messaging.Raw;

/// <summary>
/// One run of the plain-client baseline, from <c>--name value</c> pairs. The broker's URI comes from
/// <c>MOSAIC_BENCH_RABBITMQ</c>, not the command line, so its credentials do not show in a process list.
/// </summary>
public sealed record RawOptions(
    Uri Broker,
    string Mode,
    double Rate,
    double DurationSeconds,
    double WarmupSeconds,
    int Window,
    ushort Prefetch,
    int PayloadBytes,
    double DrainTimeoutSeconds)
{
    public const string BrokerVariable = "MOSAIC_BENCH_RABBITMQ";

    public const string Usage =
        "usage: MOSAIC_BENCH_RABBITMQ=amqp://USER:PASSWORD@HOST:PORT/ messaging-bench raw [--mode throughput|rate] [--rate 1000] " +
        "[--duration 20] [--warmup 5] [--window 512] [--prefetch 256] [--payload-bytes 256] [--drain-timeout 120]";

    private static readonly HashSet<string> KnownOptions =
        ["--mode", "--rate", "--duration", "--warmup", "--window", "--prefetch", "--payload-bytes", "--drain-timeout"];

    public bool IsRate => Mode == "rate";

    /// <summary>Parses the command line, or returns null with one sentence in <paramref name="error"/>.</summary>
    public static RawOptions? Parse(IReadOnlyList<string> args, string? broker, out string? error)
    {
        var mode = "throughput";
        double rate = 1000, duration = 20, warmup = 5, drainTimeout = 120;
        int window = 512, prefetch = 256, payloadBytes = 256;
        error = null;

        if (string.IsNullOrEmpty(broker) || !Uri.TryCreate(broker, UriKind.Absolute, out var brokerUri) || brokerUri.Scheme is not ("amqp" or "amqps"))
        {
            error = $"set {BrokerVariable} to the broker's amqp:// URI; {Usage}";
            return null;
        }

        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Count) { error = $"{name} needs a value; {Usage}"; return null; }
            var value = args[++i];
            var ok = name switch
            {
                "--mode" => (mode = value) is "throughput" or "rate",
                "--rate" => TryNumber(value, out rate) && rate is > 0 and <= 100_000,
                "--duration" => TryNumber(value, out duration) && duration is > 0 and <= 3600,
                "--warmup" => TryNumber(value, out warmup) && warmup is >= 0 and <= 600,
                "--window" => int.TryParse(value, CultureInfo.InvariantCulture, out window) && window is >= 1 and <= 100_000,
                "--prefetch" => int.TryParse(value, CultureInfo.InvariantCulture, out prefetch) && prefetch is >= 1 and <= ushort.MaxValue,
                "--payload-bytes" => int.TryParse(value, CultureInfo.InvariantCulture, out payloadBytes) && payloadBytes is >= 0 and <= 65536,
                "--drain-timeout" => TryNumber(value, out drainTimeout) && drainTimeout is >= 0 and <= 3600,
                _ => false,
            };
            if (!ok)
            {
                error = KnownOptions.Contains(name) ? $"{name} {value} is not a valid value; {Usage}" : $"{name} is not an option; {Usage}";
                return null;
            }
        }
        return new RawOptions(brokerUri, mode, rate, duration, warmup, window, (ushort)prefetch, payloadBytes, drainTimeout);
    }

    private static bool TryNumber(string value, out double number) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
}
