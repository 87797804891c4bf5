using System.Text.Json.Serialization;

namespace Mosaic.Cli.Commands.Bus;

public enum MessagingState
{
    /// <summary>Runs in this environment and reports its messaging.</summary>
    Running,

    /// <summary>Runs in this environment and uses no bus (identity, the gateway).</summary>
    NoMessaging,

    /// <summary>Nothing answers on its management port.</summary>
    NotRunning,

    /// <summary>Something answers, but it belongs to another environment: its numbers are not this bus's.</summary>
    OtherEnvironment,

    /// <summary>Something holds the port but gives no readable <c>/info</c> in time.</summary>
    NotAnswering,
}

/// <summary>One instance's row of <c>mosaic bus stats</c>: its transport and outbox, from the <c>messaging</c> part of <c>/info</c>.</summary>
public sealed record InstanceMessaging(
    string Service,
    int Instance,
    [property: JsonConverter(typeof(JsonStringEnumConverter<MessagingState>))] MessagingState State,
    string? Transport,
    string? Queue,
    IReadOnlyList<string> Publishes,
    IReadOnlyList<string> Consumes,
    long? OutboxBacklog,
    double? OutboxOldestAgeSeconds)
{
    public string Id => $"{Service}-{Instance}";
}
