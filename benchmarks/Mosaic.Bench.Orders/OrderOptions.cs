using System.Globalization;

namespace Mosaic.Bench.Orders;

/// <summary>What to run; parsed from <c>--name value</c> pairs.</summary>
public sealed record OrderOptions(
    Uri Gateway,
    string AdminEmail,
    string AdminPassword,
    double Rate,
    TimeSpan Duration,
    TimeSpan WarmUp,
    int Customers,
    int Products,
    int Stock,
    TimeSpan SettleTimeout,
    int Connections)
{
    public const string Usage =
        "usage: order-load --gateway http://127.0.0.1:8080 --admin-email E --admin-password P [--rate 50] [--duration 60s] " +
        "[--warmup 10s] [--customers 10] [--products 20] [--stock 1000000] [--settle-timeout 120s] [--connections 64]";

    public static OrderOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        Uri? gateway = null;
        string? email = null, password = null;
        var rate = 50.0;
        var duration = TimeSpan.FromSeconds(60);
        var warmUp = TimeSpan.FromSeconds(10);
        var settle = TimeSpan.FromSeconds(120);
        int customers = 10, products = 20, stock = 1_000_000, connections = 64;
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Count) { error = $"{name} needs a value; {Usage}"; return null; }
            var value = args[++i];
            var ok = name switch
            {
                "--gateway" => Uri.TryCreate(value, UriKind.Absolute, out gateway),
                "--admin-email" => (email = value).Length > 0,
                "--admin-password" => (password = value).Length > 0,
                "--rate" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out rate) && rate > 0,
                "--duration" => TryDuration(value, out duration) && duration > TimeSpan.Zero,
                "--warmup" => TryDuration(value, out warmUp),
                "--settle-timeout" => TryDuration(value, out settle) && settle > TimeSpan.Zero,
                "--customers" => int.TryParse(value, CultureInfo.InvariantCulture, out customers) && customers is >= 1 and <= 1000,
                "--products" => int.TryParse(value, CultureInfo.InvariantCulture, out products) && products is >= 1 and <= 1000,
                "--stock" => int.TryParse(value, CultureInfo.InvariantCulture, out stock) && stock is >= 1 and <= 1_000_000,
                "--connections" => int.TryParse(value, CultureInfo.InvariantCulture, out connections) && connections is >= 1 and <= 10_000,
                _ => false,
            };
            if (!ok) { error = $"{name} {value}: not a valid option or value; {Usage}"; return null; }
        }
        if (gateway is null || email is null || password is null)
        {
            error = $"--gateway, --admin-email and --admin-password are required; {Usage}";
            return null;
        }
        return new OrderOptions(gateway, email, password, rate, duration, warmUp, customers, products, stock, settle, connections);
    }

    /// <summary>"60s", "500ms", "2m" or plain seconds.</summary>
    private static bool TryDuration(string value, out TimeSpan duration)
    {
        duration = default;
        var (number, scale) = value switch
        {
            _ when value.EndsWith("ms", StringComparison.Ordinal) => (value[..^2], 0.001),
            _ when value.EndsWith('s') => (value[..^1], 1.0),
            _ when value.EndsWith('m') => (value[..^1], 60.0),
            _ => (value, 1.0),
        };
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || amount < 0) return false;
        duration = TimeSpan.FromSeconds(amount * scale);
        return true;
    }
}
