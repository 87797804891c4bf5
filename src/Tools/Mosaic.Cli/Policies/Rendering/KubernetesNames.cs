using System.Text.RegularExpressions;

namespace Mosaic.Cli.Policies.Rendering;

/// <summary>What Kubernetes accepts as a name.</summary>
public static partial class KubernetesNames
{
    /// <summary>A namespace is a DNS label (RFC 1123): at most 63 lower-case letters, digits and '-', alphanumeric at both ends.</summary>
    public static bool IsNamespace(string value) => value.Length <= 63 && Label().IsMatch(value);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();
}
