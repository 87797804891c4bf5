namespace Mosaic.Platform.Manifest;

/// <summary>The parsed <c>mosaic.yaml</c>: the services of the system and the gateway's public routes.</summary>
public sealed class SystemManifest
{
    public string Name { get; init; } = "mosaic";

    public IReadOnlyDictionary<string, ServiceManifest> Services { get; init; } =
        new Dictionary<string, ServiceManifest>(StringComparer.Ordinal);

    public IReadOnlyList<RouteManifest> Routes { get; init; } = [];

    /// <summary>The folder the manifest was read from; project paths are relative to it.</summary>
    public string RootDirectory { get; init; } = ".";

    public ServiceManifest GetService(string name) =>
        Services.TryGetValue(name, out var service)
            ? service
            : throw new ManifestException($"mosaic.yaml has no service named '{name}'.");

    /// <summary>Services in an order where every service comes after the ones it depends on.</summary>
    public IReadOnlyList<ServiceManifest> StartOrder()
    {
        var ordered = new List<ServiceManifest>();
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);

        void Visit(ServiceManifest service)
        {
            if (done.Contains(service.Name)) return;
            if (!visiting.Add(service.Name))
                throw new ManifestException($"mosaic.yaml: services depend on each other in a cycle through '{service.Name}'.");
            foreach (var dependency in service.DependsOn) Visit(GetService(dependency));
            visiting.Remove(service.Name);
            done.Add(service.Name);
            ordered.Add(service);
        }

        foreach (var service in Services.Values.OrderBy(s => s.Name, StringComparer.Ordinal)) Visit(service);
        return ordered;
    }
}
