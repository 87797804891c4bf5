using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Mosaic.Platform.Messaging;

namespace Mosaic.Platform.Contracts;

/// <summary>
/// What a service offers and uses, read from its code: the HTTP endpoints it maps (<c>GET /products/{id:guid}</c>)
/// and the event types it declares it publishes and consumes (<c>orders.order-placed.v1</c>). Committed under
/// <c>contracts/services/</c>, where <c>mosaic policy check</c> compares the policy with it.
/// </summary>
public sealed record ServiceContract(string Service, IReadOnlyList<string> Endpoints, IReadOnlyList<string> Publishes, IReadOnlyList<string> Consumes)
{
    public const string Folder = "contracts/services";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Where the committed contract of <paramref name="service"/> lives, relative to the checkout.</summary>
    public static string RelativePath(string service) => $"{Folder}/{service}.json";

    /// <summary>The contract of a started service: its endpoints are known once its request pipeline is built.</summary>
    public static ServiceContract Of(string service, IServiceProvider services)
    {
        var endpoints = services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint => HttpEndpoint.Describe(endpoint))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        var messaging = services.GetService<MessagingRegistry>();
        var publishes = messaging?.Published.Values.Select(name => name.RoutingKey).Order(StringComparer.Ordinal).ToList() ?? [];
        var consumes = messaging?.Consumed.Keys.Order(StringComparer.Ordinal).ToList() ?? [];
        return new ServiceContract(service, endpoints, publishes, consumes);
    }

    /// <summary>The committed form: indented JSON with '\n' line ends, one endpoint or event per line.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";

    /// <summary>Reads a committed contract; throws <see cref="JsonException"/> when it is not one.</summary>
    public static ServiceContract Parse(string json) =>
        JsonSerializer.Deserialize<ServiceContract>(json, Json) is { Service: not null, Endpoints: not null, Publishes: not null, Consumes: not null } contract
            ? contract
            : throw new JsonException("a contract needs service, endpoints, publishes and consumes");
}
