using System.Globalization;

namespace Mosaic.Cli.Environments.Schemas;

/// <summary>A <c>TimeSpan</c> as ADR 7 writes it: <c>[d.]hh:mm:ss[.fff]</c>, the invariant "c" format.</summary>
public static class ConfigDuration
{
    public static bool TryParse(string text, out TimeSpan duration) =>
        TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out duration);
}
