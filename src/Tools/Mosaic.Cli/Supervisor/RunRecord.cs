using System.Text.Json.Serialization;

namespace Mosaic.Cli.Supervisor;

/// <summary>What a running <c>mosaic up</c> records about itself, so <c>status</c> and <c>down</c> can find it.</summary>
public sealed record RunRecord(string Environment, ProcessIdentity Up, IReadOnlyList<RecordedInstance> Instances);

/// <summary>One running instance: which process it is, and where it listens.</summary>
public sealed record RecordedInstance(string Service, int Index, int Port, int ManagementPort, ProcessIdentity Process)
{
    [JsonIgnore]
    public string Id => $"{Service}-{Index}";
}
