using System.Text;

namespace Mosaic.Platform.Metrics;

/// <summary>Maps OpenTelemetry instrument and tag names to Prometheus conventions.</summary>
internal static class PrometheusNames
{
    public static string Metric(string instrumentName, string? unit)
    {
        var name = Sanitize(instrumentName);
        var suffix = unit switch
        {
            "s" => "_seconds",
            "ms" => "_milliseconds",
            "By" => "_bytes",
            _ => "",
        };
        return suffix.Length > 0 && !name.EndsWith(suffix, StringComparison.Ordinal) ? name + suffix : name;
    }

    public static string Label(string tagName) => Sanitize(tagName);

    private static string Sanitize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name) builder.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        if (builder.Length > 0 && char.IsAsciiDigit(builder[0])) builder.Insert(0, '_');
        return builder.ToString();
    }
}
