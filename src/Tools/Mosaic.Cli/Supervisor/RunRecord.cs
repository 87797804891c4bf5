using System.Text.Json.Serialization;

namespace Mosaic.Cli.Supervisor;

/// <summary>What a running <c>mosaic up</c> records about itself, so <c>status</c> and <c>down</c> can find it.</summary>
/// <param name="Profile">What the system runs on: <c>embedded</c> or <c>production</c>.</param>
/// <param name="StartedServers">
/// The private servers (<c>postgresql</c>, <c>rabbitmq</c>) this up started, and so stops after the
/// services; <c>down</c> stops them when up could not. Servers it found running are not listed.
/// </param>
public sealed record RunRecord(
    string Environment,
    ProcessIdentity Up,
    IReadOnlyList<RecordedInstance> Instances,
    string Profile = "embedded",
    IReadOnlyList<string>? StartedServers = null)
{
    public IReadOnlyList<string> StartedServers { get; init; } = StartedServers ?? [];
}

/// <summary>One running instance: which process it is, and where it listens.</summary>
public sealed record RecordedInstance(string Service, int Index, int Port, int ManagementPort, ProcessIdentity Process)
{
    [JsonIgnore]
    public string Id => $"{Service}-{Index}";
}
