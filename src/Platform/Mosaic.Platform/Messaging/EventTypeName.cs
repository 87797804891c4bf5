using System.Text.RegularExpressions;

namespace Mosaic.Platform.Messaging;

/// <summary>
/// A versioned event type: <c>orders.order-placed.v1</c> is type <c>orders.order-placed</c>, version 1.
/// The full text is the routing key; a new, incompatible shape of an event gets a new version.
/// </summary>
public readonly partial record struct EventTypeName(string Type, int Version)
{
    public string RoutingKey => $"{Type}.v{Version}";

    public override string ToString() => RoutingKey;

    public static EventTypeName Parse(string routingKey) =>
        TryParse(routingKey, out var name)
            ? name
            : throw new ArgumentException(
                $"'{routingKey}' is not an event type name: use 'source.event-name.vN' in lower case, such as 'orders.order-placed.v1'.",
                nameof(routingKey));

    public static bool TryParse(string? routingKey, out EventTypeName name)
    {
        var match = routingKey is null ? Match.Empty : Pattern().Match(routingKey);
        name = match.Success && int.TryParse(match.Groups["version"].ValueSpan, out var version) && version > 0
            ? new EventTypeName(match.Groups["type"].Value, version)
            : default;
        return match.Success && name.Version > 0;
    }

    [GeneratedRegex(@"^(?<type>[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+)\.v(?<version>[0-9]{1,6})$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
