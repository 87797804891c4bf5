using System.Globalization;

namespace Mosaic.Cli.Load.Sampling;

/// <summary>Reads the Prometheus text format a service's <c>/metrics</c> writes: one sample per line, comments skipped.</summary>
public static class PrometheusText
{
    public readonly record struct Sample(string Name, string Labels, double Value)
    {
        /// <summary>The value of one label (<c>route="/x"</c>), or null when the series has no such label.</summary>
        public string? Label(string name)
        {
            var key = name + "=\"";
            var at = Labels.IndexOf(key, StringComparison.Ordinal);
            while (at > 0 && Labels[at - 1] is not (',' or ' '))
                at = Labels.IndexOf(key, at + 1, StringComparison.Ordinal);
            if (at < 0) return null;
            var start = at + key.Length;
            var end = Labels.IndexOf('"', start);
            return end < 0 ? null : Labels[start..end];
        }
    }

    public static IEnumerable<Sample> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var space = line.LastIndexOf(' ');
            if (space <= 0) continue;
            string name, labels = "";
            if (brace >= 0 && brace < space)
            {
                var close = line.LastIndexOf('}');
                if (close < brace) continue;
                name = line[..brace];
                labels = line[(brace + 1)..close];
            }
            else
            {
                name = line[..line.IndexOf(' ', StringComparison.Ordinal)];
            }
            var valueText = line[(space + 1)..];
            if (double.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                yield return new Sample(name, labels, value);
        }
    }
}
