using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Mosaic.Platform.Hosting;
using Mosaic.Platform.Logging;

namespace Mosaic.Platform.Tests.Logging;

public class JsonLineFormatterTests
{
    private readonly JsonLineFormatter formatter = new(Options.Create(new JsonLineFormatterOptions
    {
        Identity = new ServiceIdentity("catalog", 1, "dev", "1.2.3", DateTimeOffset.UtcNow),
    }));

    [Fact]
    public void Each_entry_is_one_json_line_with_service_and_trace_fields()
    {
        using var activity = new Activity("test").SetIdFormat(ActivityIdFormat.W3C).Start();

        var line = Format(LogLevel.Warning, "Stock low for {ProductId}", 42, exception: new InvalidOperationException("boom"));

        Assert.EndsWith("\n", line, StringComparison.Ordinal);
        Assert.Single(line.TrimEnd('\n').Split('\n'));
        var json = JsonDocument.Parse(line).RootElement;
        Assert.Equal("warn", json.GetProperty("level").GetString());
        Assert.Equal("catalog", json.GetProperty("service").GetString());
        Assert.Equal("catalog-1", json.GetProperty("instance").GetString());
        Assert.Equal("dev", json.GetProperty("environment").GetString());
        Assert.Equal(activity.TraceId.ToHexString(), json.GetProperty("trace_id").GetString());
        Assert.Equal(activity.SpanId.ToHexString(), json.GetProperty("span_id").GetString());
        Assert.Equal("Stock low for 42", json.GetProperty("message").GetString());
        Assert.Contains("boom", json.GetProperty("exception").GetString(), StringComparison.Ordinal);
        Assert.Equal(42, json.GetProperty("attributes").GetProperty("ProductId").GetInt32());
        Assert.True(json.TryGetProperty("timestamp", out _));
    }

    [Fact]
    public void Multi_line_messages_stay_on_one_line()
    {
        var line = Format(LogLevel.Information, "first\nsecond \"quoted\"", null, exception: null);

        Assert.Single(line.TrimEnd('\n').Split('\n'));
        Assert.Equal("first\nsecond \"quoted\"", JsonDocument.Parse(line).RootElement.GetProperty("message").GetString());
    }

    private string Format(LogLevel level, string template, object? arg, Exception? exception)
    {
        var state = new TemplateState(template, arg);
        var entry = new LogEntry<TemplateState>(level, "Tests", new EventId(0), state, exception, (s, _) => s.ToString());
        using var writer = new StringWriter();
        formatter.Write(entry, null, writer);
        return writer.ToString();
    }

    private sealed class TemplateState(string template, object? arg) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private readonly List<KeyValuePair<string, object?>> values = arg is null
            ? [new("{OriginalFormat}", template)]
            : [new("ProductId", arg), new("{OriginalFormat}", template)];

        public KeyValuePair<string, object?> this[int index] => values[index];

        public int Count => values.Count;

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => arg is null ? template : template.Replace("{ProductId}", arg.ToString(), StringComparison.Ordinal);
    }
}
