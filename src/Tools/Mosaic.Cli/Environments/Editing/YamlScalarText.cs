using System.Text.Json;
using System.Text.RegularExpressions;

namespace Mosaic.Cli.Environments.Editing;

/// <summary>How a value is written into YAML: plain where that reads back as the same string, double-quoted otherwise.</summary>
public static partial class YamlScalarText
{
    private static readonly HashSet<string> NullWords = new(["~", "null"], StringComparer.OrdinalIgnoreCase);

    public static string Format(string value) =>
        SafePlain().IsMatch(value) && !NullWords.Contains(value) ? value : JsonSerializer.Serialize(value);

    public static string FormatList(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(Format)) + "]";

    // Letters, digits and a few marks, never ending in ':' nor holding ": ", " #" or a flow indicator: reads back as itself.
    [GeneratedRegex(@"^[A-Za-z0-9_$][A-Za-z0-9_.:/@+\-${}]*(?<!:)$")]
    private static partial Regex SafePlain();
}
