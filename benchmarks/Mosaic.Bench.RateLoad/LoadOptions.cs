using System.Globalization;

namespace Mosaic.Bench.RateLoad;

/// <summary>What to send, how fast and for how long; parsed from <c>--name value</c> pairs.</summary>
public sealed record LoadOptions(
    IReadOnlyList<Uri> Targets,
    double RatePerSecond,
    TimeSpan Duration,
    TimeSpan WarmUp,
    int Connections,
    TimeSpan Tick,
    TimeSpan Timeout,
    int MaxInFlight)
{
    public const string Usage =
        "usage: rate-load --url URL [--url URL ...] --rate REQ_PER_S [--duration 15s] [--warmup 3s] " +
        "[--connections 16] [--tick 1ms] [--timeout 10s] [--max-in-flight 20000]";

    private static readonly HashSet<string> KnownOptions =
        ["--url", "--rate", "--duration", "--warmup", "--connections", "--tick", "--timeout", "--max-in-flight"];

    /// <summary>Parses the command line, or returns null with one sentence in <paramref name="error"/>.</summary>
    public static LoadOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var targets = new List<Uri>();
        double? rate = null;
        var duration = TimeSpan.FromSeconds(15);
        var warmUp = TimeSpan.FromSeconds(3);
        var connections = 16;
        var tick = TimeSpan.FromMilliseconds(1);
        var timeout = TimeSpan.FromSeconds(10);
        var maxInFlight = 20_000;
        error = null;

        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Count) { error = $"{name} needs a value; {Usage}"; return null; }
            var value = args[++i];
            var ok = name switch
            {
                "--url" => AddTarget(targets, value),
                "--rate" => TryPositive(value, out var r) && Set(ref rate, r),
                "--duration" => TryDuration(value, out duration),
                "--warmup" => TryDuration(value, out warmUp, allowZero: true),
                "--connections" => int.TryParse(value, CultureInfo.InvariantCulture, out connections) && connections is >= 1 and <= 10_000,
                "--tick" => TryDuration(value, out tick) && tick <= TimeSpan.FromMilliseconds(100),
                "--timeout" => TryDuration(value, out timeout),
                "--max-in-flight" => int.TryParse(value, CultureInfo.InvariantCulture, out maxInFlight) && maxInFlight >= 1,
                _ => false,
            };
            if (!ok)
            {
                error = KnownOptions.Contains(name)
                    ? $"{name} {value} is not a valid value; {Usage}"
                    : $"{name} is not an option; {Usage}";
                return null;
            }
        }

        if (targets.Count == 0 || rate is null) { error = $"--url and --rate are required; {Usage}"; return null; }
        return new LoadOptions(targets, rate.Value, duration, warmUp, connections, tick, timeout, maxInFlight);
    }

    private static bool AddTarget(List<Uri> targets, string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp) return false;
        targets.Add(uri);
        return true;
    }

    private static bool Set(ref double? field, double value)
    {
        field = value;
        return true;
    }

    private static bool TryPositive(string value, out double number) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && number > 0;

    /// <summary>"15s", "500ms", "2m" or plain seconds.</summary>
    private static bool TryDuration(string value, out TimeSpan duration, bool allowZero = false)
    {
        duration = default;
        var (number, scale) = value switch
        {
            _ when value.EndsWith("ms", StringComparison.Ordinal) => (value[..^2], 0.001),
            _ when value.EndsWith('s') => (value[..^1], 1.0),
            _ when value.EndsWith('m') => (value[..^1], 60.0),
            _ => (value, 1.0),
        };
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)) return false;
        if (amount < 0 || (amount == 0 && !allowZero)) return false;
        duration = TimeSpan.FromSeconds(amount * scale);
        return true;
    }
}
