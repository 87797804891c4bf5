using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Mosaic.Platform.Manifest;

/// <summary>Reads and checks <c>mosaic.yaml</c>. Every problem is reported as a sentence naming the key to fix.</summary>
public static class ManifestLoader
{
    public const string FileName = "mosaic.yaml";

    /// <summary>
    /// Shifts every port of the manifest by this much, so that a second copy of the system (another
    /// checkout, a CI job) can run beside the first. <c>mosaic up</c>'s services inherit it.
    /// </summary>
    public const string PortOffsetVariable = "MOSAIC_PORT_OFFSET";

    public static SystemManifest Load(string path)
    {
        if (!File.Exists(path))
            throw new ManifestException($"No manifest at '{path}'. Run from the repository root or pass the path to mosaic.yaml.");
        return Parse(File.ReadAllText(path), Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>Walks up from <paramref name="start"/> to the first folder holding mosaic.yaml.</summary>
    public static string? Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, FileName);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    public static SystemManifest Parse(string yaml, string rootDirectory)
    {
        ManifestDocument document;
        try
        {
            var deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
            document = deserializer.Deserialize<ManifestDocument?>(yaml) ?? new ManifestDocument();
        }
        catch (YamlException e)
        {
            throw new ManifestException($"mosaic.yaml line {e.Start.Line}: {e.InnerException?.Message ?? e.Message}", e);
        }

        var offset = PortOffset();
        var services = new Dictionary<string, ServiceManifest>(StringComparer.Ordinal);
        foreach (var (name, entry) in document.Services ?? [])
        {
            services[name] = new ServiceManifest
            {
                Name = name,
                Project = Required(entry.Project, $"services.{name}.project"),
                Port = Port(entry.Port, $"services.{name}.port") + offset,
                ManagementPort = Port(entry.ManagementPort, $"services.{name}.managementPort") + offset,
                Instances = entry.Instances ?? 1,
                DependsOn = entry.DependsOn ?? [],
                Database = entry.Database ?? true,
            };
        }

        var routes = (document.Routes ?? []).Select((route, i) => new RouteManifest
        {
            Prefix = Required(route.Prefix, $"routes[{i}].prefix").TrimEnd('/'),
            Service = Required(route.Service, $"routes[{i}].service"),
            ServicePath = (route.ServicePath ?? "").TrimEnd('/'),
            Anonymous = route.Anonymous ?? [],
        }).ToList();

        var manifest = new SystemManifest
        {
            Name = document.Name ?? "mosaic",
            Services = services,
            Routes = routes,
            RootDirectory = rootDirectory,
        };
        Check(manifest);
        return manifest;
    }

    private static int PortOffset()
    {
        var text = Environment.GetEnvironmentVariable(PortOffsetVariable);
        if (string.IsNullOrEmpty(text)) return 0;
        return int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var offset) && offset is >= 0 and <= 50000
            ? offset
            : throw new ManifestException($"{PortOffsetVariable} is '{text}'; set it to a number from 0 to 50000, or unset it.");
    }

    private static void Check(SystemManifest manifest)
    {
        if (manifest.Services.Count == 0)
            throw new ManifestException("mosaic.yaml declares no services: add at least one under 'services:'.");

        var owners = new Dictionary<int, string>();
        foreach (var service in manifest.Services.Values)
        {
            if (service.Instances is < 1 or > 20)
                throw new ManifestException($"mosaic.yaml: services.{service.Name}.instances is {service.Instances}; use a number from 1 to 20.");
            foreach (var dependency in service.DependsOn)
                if (!manifest.Services.ContainsKey(dependency))
                    throw new ManifestException($"mosaic.yaml: services.{service.Name}.dependsOn names '{dependency}', which is not a service.");
            foreach (var instance in service.AllInstances())
            {
                if (Math.Max(instance.Port, instance.ManagementPort) > 65535)
                    throw new ManifestException($"mosaic.yaml: {instance.Id}'s ports go past 65535 (with {PortOffsetVariable} added); use lower ports or a smaller offset.");
                Claim(owners, instance.Port, $"{instance.Id} API");
                Claim(owners, instance.ManagementPort, $"{instance.Id} management");
            }
        }

        foreach (var route in manifest.Routes)
        {
            if (!manifest.Services.ContainsKey(route.Service))
                throw new ManifestException($"mosaic.yaml: route '{route.Prefix}' goes to '{route.Service}', which is not a service.");
            if (!route.Prefix.StartsWith('/'))
                throw new ManifestException($"mosaic.yaml: route prefix '{route.Prefix}' must start with '/'.");
            if (route.ServicePath.Length > 0 && !IsServicePath(route.ServicePath))
                throw new ManifestException(
                    $"mosaic.yaml: route '{route.Prefix}' has servicePath '{route.ServicePath}'; write it as a path starting with '/' " +
                    "(for example '/orders'), with segments of letters, digits and '-', '.', '_', '~', and no empty, '.' or '..' segment.");
        }

        manifest.StartOrder();
    }

    /// <summary>
    /// The gateway joins the service path to the already-escaped rest of the request as it is: it
    /// must read the same escaped and unescaped, and must not climb out of itself.
    /// </summary>
    private static bool IsServicePath(string path) =>
        path.StartsWith('/')
        && path[1..].Split('/').All(segment => segment.Length > 0 && segment is not ("." or "..") && segment.All(IsNeverEscaped));

    private static bool IsNeverEscaped(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';

    private static void Claim(Dictionary<int, string> owners, int port, string owner)
    {
        if (owners.TryGetValue(port, out var other))
            throw new ManifestException($"mosaic.yaml: port {port} is used by both {other} and {owner}; give them separate ports.");
        owners[port] = owner;
    }

    private static string Required(string? value, string key) =>
        string.IsNullOrWhiteSpace(value) ? throw new ManifestException($"mosaic.yaml: '{key}' is required.") : value;

    private static int Port(int? value, string key) =>
        value is >= 1 and <= 65535 ? value.Value : throw new ManifestException($"mosaic.yaml: '{key}' must be a port from 1 to 65535.");

    private sealed class ManifestDocument
    {
        public string? Name { get; set; }
        public Dictionary<string, ServiceEntry>? Services { get; set; }
        public List<RouteEntry>? Routes { get; set; }
    }

    private sealed class ServiceEntry
    {
        public string? Project { get; set; }
        public int? Port { get; set; }
        public int? ManagementPort { get; set; }
        public int? Instances { get; set; }
        public List<string>? DependsOn { get; set; }
        public bool? Database { get; set; }
    }

    private sealed class RouteEntry
    {
        public string? Prefix { get; set; }
        public string? Service { get; set; }
        public string? ServicePath { get; set; }
        public List<string>? Anonymous { get; set; }
    }
}
