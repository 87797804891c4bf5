using System.Text.Json;
using Mosaic.Cli.CommandLine;

namespace Mosaic.Cli.Servers;

/// <summary>
/// <c>servers.json</c>: the ports an environment's private servers were last started on. It holds no
/// secret; <c>down</c>, <c>servers stop</c>, <c>servers env</c> and a later <c>up</c> read it to find them.
/// </summary>
public static class ServerState
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static ServerPorts? Read(ServerFolders folders)
    {
        if (!File.Exists(folders.State)) return null;
        try
        {
            return JsonSerializer.Deserialize<ServerPorts>(File.ReadAllText(folders.State), Json);
        }
        catch (JsonException e)
        {
            throw new CliException($"{folders.State} is damaged ({e.Message}): delete it and run the command again.", e);
        }
    }

    public static void Write(ServerFolders folders, ServerPorts ports)
    {
        Directory.CreateDirectory(folders.Root);
        var temporary = $"{folders.State}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(ports, Json));
        File.Move(temporary, folders.State, overwrite: true);
    }
}
