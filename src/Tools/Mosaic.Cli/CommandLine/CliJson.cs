using System.Text.Encodings.Web;
using System.Text.Json;

namespace Mosaic.Cli.CommandLine;

/// <summary>How every <c>--json</c> output is written: camelCase, indented, characters as they are.</summary>
public static class CliJson
{
    public static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Read by jq and by people alike; nothing here is embedded in HTML, so '+', '<' and 'é' need no escaping.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
