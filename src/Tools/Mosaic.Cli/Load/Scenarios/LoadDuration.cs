using System.Globalization;

namespace Mosaic.Cli.Load.Scenarios;

/// <summary>Durations as people type them: <c>60s</c>, <c>500ms</c>, <c>2m</c>, or plain seconds.</summary>
public static class LoadDuration
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        text = text.Trim();
        var (number, scale) = text switch
        {
            _ when text.EndsWith("ms", StringComparison.Ordinal) => (text[..^2], 0.001),
            _ when text.EndsWith('s') => (text[..^1], 1.0),
            _ when text.EndsWith('m') => (text[..^1], 60.0),
            _ => (text, 1.0),
        };
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || amount <= 0 || amount > 86_400 / scale) return false;
        duration = TimeSpan.FromSeconds(amount * scale);
        return true;
    }

    public static string Format(TimeSpan duration) =>
        duration.TotalSeconds >= 1 && duration.Milliseconds == 0
            ? $"{duration.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture)}s"
            : $"{duration.TotalMilliseconds.ToString("0.##", CultureInfo.InvariantCulture)}ms";
}
