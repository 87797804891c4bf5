using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Mosaic.Platform.Hosting;

namespace Mosaic.Platform.Logging;

/// <summary>
/// Writes each log entry as one JSON object on one line, with the service, instance and
/// environment of the process and the trace and span of the request or message being handled.
/// </summary>
internal sealed class JsonLineFormatter(IOptions<JsonLineFormatterOptions> options) : ConsoleFormatter(FormatterName)
{
    public const string FormatterName = "mosaic-json";

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (message is null && logEntry.Exception is null) return;

        var identity = options.Value.Identity;
        var activity = Activity.Current;
        using var buffer = new MemoryStream(256);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("level", LevelName(logEntry.LogLevel));
            json.WriteString("service", identity?.Service);
            json.WriteString("instance", identity?.InstanceId);
            json.WriteString("environment", identity?.Environment);
            json.WriteString("trace_id", activity?.TraceId.ToHexString());
            json.WriteString("span_id", activity?.SpanId.ToHexString());
            json.WriteString("category", logEntry.Category);
            if (logEntry.EventId.Id != 0 || logEntry.EventId.Name is not null)
                json.WriteString("event", logEntry.EventId.Name ?? logEntry.EventId.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("message", message);
            if (logEntry.Exception is not null) json.WriteString("exception", logEntry.Exception.ToString());
            WriteAttributes(json, logEntry.State);
            json.WriteEndObject();
        }
        textWriter.Write(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        textWriter.Write('\n');
    }

    private static void WriteAttributes<TState>(Utf8JsonWriter json, TState state)
    {
        if (state is not IReadOnlyList<KeyValuePair<string, object?>> values || values.Count <= 1) return;
        json.WriteStartObject("attributes");
        foreach (var (key, value) in values)
        {
            if (key == "{OriginalFormat}") continue;
            switch (value)
            {
                case null: json.WriteNull(key); break;
                case bool b: json.WriteBoolean(key, b); break;
                case int or long or short or byte or uint or ulong or ushort:
                    json.WriteNumber(key, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)); break;
                case double or float or decimal:
                    json.WriteNumber(key, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)); break;
                default: json.WriteString(key, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            }
        }
        json.WriteEndObject();
    }

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "error",
        LogLevel.Critical => "fatal",
        _ => "none",
    };
}

internal sealed class JsonLineFormatterOptions : ConsoleFormatterOptions
{
    public ServiceIdentity? Identity { get; set; }
}
