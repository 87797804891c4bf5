using System.Text.RegularExpressions;

namespace Mosaic.Cli.Environments.Model;

/// <summary>A <c>${kind.NAME}</c> reference, which ADR 7 allows only as a whole value.</summary>
public sealed partial record ValueReference(string Kind, string Name)
{
    public const string Shared = "shared";
    public const string Secret = "secret";

    public static bool Mentions(string value) => value.Contains("${", StringComparison.Ordinal);

    /// <summary>The reference a whole value is, or null when it is not one (including a reference inside other text).</summary>
    public static ValueReference? Parse(string value)
    {
        var match = WholeValue().Match(value);
        return match.Success ? new ValueReference(match.Groups["kind"].Value, match.Groups["name"].Value) : null;
    }

    /// <summary>Whether a secret or shared value may be called this: letters, digits, '_', '.' and '-'.</summary>
    public static bool IsName(string name) => AllowedName().IsMatch(name);

    public override string ToString() => $"${{{Kind}.{Name}}}";

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]+$")]
    private static partial Regex AllowedName();

    [GeneratedRegex(@"^\$\{(?<kind>[A-Za-z]+)\.(?<name>[A-Za-z0-9_.\-]+)\}$")]
    private static partial Regex WholeValue();
}
