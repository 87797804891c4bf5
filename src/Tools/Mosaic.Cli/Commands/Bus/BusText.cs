using System.Globalization;
using System.Text.Json;
using Mosaic.Cli.CommandLine;

namespace Mosaic.Cli.Commands.Bus;

/// <summary>How <c>mosaic bus</c> writes ages, times, errors and message bodies.</summary>
public static class BusText
{
    public const int ErrorColumnWidth = 100;

    /// <summary>"-" for nothing waiting, else the age in the largest unit that reads well.</summary>
    public static string Age(TimeSpan? age) => age switch
    {
        null => "-",
        { TotalSeconds: < 10 } a => $"{a.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s",
        { TotalMinutes: < 1 } a => $"{(int)a.TotalSeconds} s",
        { TotalHours: < 1 } a => $"{(int)a.TotalMinutes}m {a.Seconds}s",
        { TotalDays: < 1 } a => $"{(int)a.TotalHours}h {a.Minutes}m",
        { } a => $"{(int)a.TotalDays}d {a.Hours}h",
    };

    public static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The first line of an error, cut to fit a table column.</summary>
    public static string FirstLine(string text, int width = ErrorColumnWidth)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = text.Split('\n', 2)[0].TrimEnd('\r');
        var more = line.Length < text.TrimEnd().Length;
        if (line.Length > width) return line[..(width - 1)] + "…";
        return more ? line + " …" : line;
    }

    /// <summary>A message body as indented JSON, or as it is when it is not JSON (a poison message).</summary>
    public static string PrettyBody(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            using var document = JsonDocument.Parse(body);
            return JsonSerializer.Serialize(document.RootElement, CliJson.Indented);
        }
        catch (JsonException)
        {
            return body;
        }
    }

    /// <summary>The body as JSON for machine-readable output: the parsed document, or the raw text as a string.</summary>
    public static JsonElement BodyElement(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(body);
        }
    }
}
