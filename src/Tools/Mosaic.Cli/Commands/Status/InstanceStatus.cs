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
    double? UptimeSeconds,
    InstanceDatabase? Database = null,
    string? Transport = null)
{
    /// <summary>The name the instance goes by everywhere else: in up's output, its log file, its logs.</summary>
    public string Id => $"{Service}-{Instance}";
}

/// <summary>Which database an instance is on, as its <c>/info</c> says: the provider and where (never who logs in).</summary>
public sealed record InstanceDatabase(string Provider, string Location);
