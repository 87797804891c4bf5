using System.Reflection;

namespace Mosaic.Platform.Hosting;

/// <summary>The facts about this process that logs, metrics and <c>/info</c> repeat.</summary>
public sealed record ServiceIdentity(string Service, int Instance, string Environment, string Version, DateTimeOffset StartedAt)
{
    public string InstanceId => $"{Service}-{Instance}";

    internal static ServiceIdentity From(MosaicOptions options, Assembly entryAssembly) => new(
        options.Service,
        options.Instance,
        options.Environment,
        entryAssembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
            ?? entryAssembly.GetName().Version?.ToString() ?? "0.0.0",
        DateTimeOffset.UtcNow);
}
