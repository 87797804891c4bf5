using System.Globalization;
using System.Text.Json;

namespace Mosaic.Cli.Commands.Up;

/// <summary>Makes a service's JSON log line readable in a crash report: time, level, message, exception.</summary>
internal static class LogLines
{
    public static string Readable(string line)
    {
        if (!line.StartsWith('{')) return line;
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("message", out var message)) return line;
            var time = root.TryGetProperty("timestamp", out var t) && DateTimeOffset.TryParse(t.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
                ? at.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture) + " "
                : "";
            var level = root.TryGetProperty("level", out var l) ? $"{l.GetString()} " : "";
            var exception = root.TryGetProperty("exception", out var e) && e.GetString() is { } text
                ? " | " + text.Split('\n', 2)[0].Trim()
                : "";
            return $"{time}{level}{message.GetString()}{exception}";
        }
        catch (JsonException)
        {
            return line; // a line cut short by the crash is still worth showing as it is
        }
    }
}
