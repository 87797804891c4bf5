using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Mosaic.Cli.CommandLine;

namespace Mosaic.Cli.Policies.Rendering;

/// <summary>
/// RabbitMQ definitions, the JSON that <c>rabbitmqctl import_definitions</c> (and the management API) take: one
/// virtual host, the events exchange, and users with their permissions. An import adds and updates; it removes
/// nothing. A password reaches the file only as RabbitMQ's salted hash; a user without one is rendered with an
/// empty hash, which no password matches, until the operator sets one.
/// </summary>
public sealed class BrokerDefinitions(string virtualHost)
{
    public const string HashingAlgorithm = "rabbit_password_hashing_sha256";

    // Names are given per property; the encoding is the CLI's (a regex's '+' stays '+').
    private static readonly JsonSerializerOptions Json = new(CliJson.Indented) { PropertyNamingPolicy = null };

    private readonly List<User> users = [];
    private readonly List<Permission> permissions = [];
    private readonly List<TopicPermission> topicPermissions = [];

    public string VirtualHost { get; } = virtualHost;

    /// <summary>An administrator with every permission in the virtual host (for tests and inspection, never for a service).</summary>
    public BrokerDefinitions AddAdministrator(string name, string password)
    {
        users.Add(new User(name, PasswordHash(password), HashingAlgorithm, ["administrator"]));
        permissions.Add(new Permission(name, VirtualHost, ".*", ".*", ".*"));
        return this;
    }

    /// <summary>A service's user with exactly its rendered permissions; <paramref name="password"/> null renders it without one.</summary>
    public BrokerDefinitions AddService(BrokerPermissions service, string? password)
    {
        users.Add(new User(service.User, password is null ? "" : PasswordHash(password), HashingAlgorithm, []));
        permissions.Add(new Permission(service.User, VirtualHost, service.Configure, service.Write, service.Read));
        // Always present, even matching nothing: a user without topic permissions on an exchange may use every routing key.
        topicPermissions.Add(new TopicPermission(service.User, VirtualHost, BrokerPermissions.EventsExchange, service.TopicWrite, service.TopicRead));
        return this;
    }

    public string ToJson() => JsonSerializer.Serialize(new Document(
        [new VirtualHostEntry(VirtualHost)],
        users,
        permissions,
        topicPermissions,
        [new Exchange(BrokerPermissions.EventsExchange, VirtualHost, "topic", Durable: true, AutoDelete: false, Internal: false, new Dictionary<string, string>())]), Json);

    /// <summary>RabbitMQ's own format: a 4-byte salt followed by SHA-256(salt + password), in base64.</summary>
    internal static string PasswordHash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(4);
        var hash = SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(password)]);
        return Convert.ToBase64String([.. salt, .. hash]);
    }

    private sealed record Document(
        [property: JsonPropertyName("vhosts")] IReadOnlyList<VirtualHostEntry> VirtualHosts,
        [property: JsonPropertyName("users")] IReadOnlyList<User> Users,
        [property: JsonPropertyName("permissions")] IReadOnlyList<Permission> Permissions,
        [property: JsonPropertyName("topic_permissions")] IReadOnlyList<TopicPermission> TopicPermissions,
        [property: JsonPropertyName("exchanges")] IReadOnlyList<Exchange> Exchanges);

    private sealed record VirtualHostEntry([property: JsonPropertyName("name")] string Name);

    private sealed record User(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("password_hash")] string PasswordHash,
        [property: JsonPropertyName("hashing_algorithm")] string HashingAlgorithm,
        [property: JsonPropertyName("tags")] IReadOnlyList<string> Tags);

    private sealed record Permission(
        [property: JsonPropertyName("user")] string User,
        [property: JsonPropertyName("vhost")] string VirtualHost,
        [property: JsonPropertyName("configure")] string Configure,
        [property: JsonPropertyName("write")] string Write,
        [property: JsonPropertyName("read")] string Read);

    private sealed record TopicPermission(
        [property: JsonPropertyName("user")] string User,
        [property: JsonPropertyName("vhost")] string VirtualHost,
        [property: JsonPropertyName("exchange")] string Exchange,
        [property: JsonPropertyName("write")] string Write,
        [property: JsonPropertyName("read")] string Read);

    private sealed record Exchange(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("vhost")] string VirtualHost,
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("durable")] bool Durable,
        [property: JsonPropertyName("auto_delete")] bool AutoDelete,
        [property: JsonPropertyName("internal")] bool Internal,
        [property: JsonPropertyName("arguments")] IReadOnlyDictionary<string, string> Arguments);
}
