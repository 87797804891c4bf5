using System.Text.Json;
using Mosaic.Cli.CommandLine;

namespace Mosaic.Cli.Supervisor;

/// <summary>
/// Reads and writes <c>up.json</c>. Writes go to a temporary file that is then renamed over the old
/// one, so a reader in another terminal sees the previous record or the new one, never half of one.
/// </summary>
public static class RunFile
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static RunRecord? Read(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<RunRecord>(File.ReadAllText(path), Json)
                ?? throw new JsonException("The file holds null.");
        }
        catch (JsonException e)
        {
            throw new CliException($"{path} is not a record written by `mosaic up` ({e.Message}); delete it if nothing is running.", e);
        }
    }

    public static void Write(string path, RunRecord record)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(record, Json));
        File.Move(temporary, path, overwrite: true);
    }

    public static void Delete(string path) => File.Delete(path);
}
