using System.Text.Json.Serialization;

namespace Mosaic.Cli.Commands.Status;

/// <summary>One row of <c>mosaic status</c>.</summary>
public sealed record InstanceStatus(
    string Service,
    int Instance,
    int? Pid,
    int Port,
    int ManagementPort,
    [property: JsonConverter(typeof(JsonStringEnumConverter<InstanceState>))] InstanceState State,
    string? Version,
    double? UptimeSeconds)
{
    /// <summary>The name the instance goes by everywhere else: in up's output, its log file, its logs.</summary>
    public string Id => $"{Service}-{Instance}";
}
