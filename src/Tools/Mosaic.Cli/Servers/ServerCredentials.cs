using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Mosaic.Cli.CommandLine;

namespace Mosaic.Cli.Servers;

/// <summary>
/// The passwords mosaic generates for an environment's servers and services, kept in
/// <c>credentials.json</c> (mode 0600). A password is made the first time it is asked for and kept
/// from then on, so every <c>up</c> gives a role or user the same one.
/// </summary>
public sealed class ServerCredentials
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private readonly string _path;
    private readonly Document _document;
    private readonly Lock _gate = new();

    private ServerCredentials(string path, Document document)
    {
        _path = path;
        _document = document;
    }

    public static ServerCredentials Open(string path)
    {
        if (!File.Exists(path)) return new ServerCredentials(path, new Document());
        try
        {
            return new ServerCredentials(path, JsonSerializer.Deserialize<Document>(File.ReadAllText(path), Json) ?? new Document());
        }
        catch (JsonException e)
        {
            throw new CliException($"{path} is damaged ({e.Message}): delete it together with the servers' data folders next to it, and start again.", e);
        }
    }

    public string PostgresSuperuser => Get(_document.Postgres, "superuser");

    public string RabbitMqAdmin => Get(_document.RabbitMq, "admin");

    /// <summary>The password of a service's own broker user.</summary>
    public string RabbitMqService(string service) => Get(_document.RabbitMqServices, service);

    /// <summary>The services that were ever given a broker user in this environment (whose passwords are kept here).</summary>
    public IReadOnlyList<string> RabbitMqServiceNames
    {
        get
        {
            lock (_gate) return [.. _document.RabbitMqServices.Keys];
        }
    }

    /// <summary>The password of a service's own database role.</summary>
    public string ServiceRole(string service) => Get(_document.Services, service);

    /// <summary>Whether a PostgreSQL superuser password was ever made: an initialized data folder without one cannot be entered.</summary>
    public bool HasPostgresSuperuser => _document.Postgres.ContainsKey("superuser");

    /// <summary>Random letters and digits: nothing to escape in a connection string, a URI or SQL.</summary>
    public static string NewPassword() => RandomNumberGenerator.GetString(Alphabet, 32);

    /// <summary>PostgreSQL's roles and RabbitMQ's users are prepared at once, so two may ask for a new password together.</summary>
    private string Get(Dictionary<string, string> section, string key)
    {
        lock (_gate)
        {
            if (section.TryGetValue(key, out var password)) return password;
            section[key] = password = NewPassword();
            Save();
            return password;
        }
    }

    private void Save()
    {
        var folder = Path.GetDirectoryName(_path)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(_path)}.{Environment.ProcessId}.tmp");
        PrivateFile.Write(temporary, JsonSerializer.Serialize(_document, Json));
        File.Move(temporary, _path, overwrite: true);
    }

    private sealed class Document
    {
        [JsonPropertyName("postgres")]
        public Dictionary<string, string> Postgres { get; init; } = new(StringComparer.Ordinal);

        [JsonPropertyName("rabbitmq")]
        public Dictionary<string, string> RabbitMq { get; init; } = new(StringComparer.Ordinal);

        [JsonPropertyName("rabbitmqServices")]
        public Dictionary<string, string> RabbitMqServices { get; init; } = new(StringComparer.Ordinal);

        [JsonPropertyName("services")]
        public Dictionary<string, string> Services { get; init; } = new(StringComparer.Ordinal);
    }
}
