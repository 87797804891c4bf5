namespace Mosaic.Platform.Manifest;

/// <summary>One service of the system as <c>mosaic.yaml</c> declares it.</summary>
public sealed class ServiceManifest
{
    public required string Name { get; init; }

    /// <summary>The project folder, relative to the manifest; its last segment is the assembly name.</summary>
    public required string Project { get; init; }

    public required int Port { get; init; }

    public required int ManagementPort { get; init; }

    public int Instances { get; init; } = 1;

    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>
    /// Whether the service keeps data of its own (the default). The production profile gives each such
    /// service its own PostgreSQL database and role; a service that stores nothing (the gateway) gets none.
    /// </summary>
    public bool Database { get; init; } = true;

    public string AssemblyName => Path.GetFileName(Project.TrimEnd('/', '\\'));

    public IEnumerable<ServiceInstance> AllInstances() =>
        Enumerable.Range(0, Instances).Select(Instance);

    public ServiceInstance Instance(int index) =>
        index >= 0 && index < Instances
            ? new ServiceInstance(Name, index, Port + index, ManagementPort + index)
            : throw new ArgumentOutOfRangeException(nameof(index), index, $"'{Name}' has {Instances} instance(s).");
}

/// <summary>A running copy of a service: which ports it owns on the host.</summary>
public sealed record ServiceInstance(string Service, int Index, int Port, int ManagementPort)
{
    public string Id => $"{Service}-{Index}";

    public Uri ApiAddress => new($"http://127.0.0.1:{Port}");

    public Uri ManagementAddress => new($"http://127.0.0.1:{ManagementPort}");
}
