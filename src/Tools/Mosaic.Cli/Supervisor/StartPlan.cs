using Mosaic.Platform.Manifest;

namespace Mosaic.Cli.Supervisor;

/// <summary>
/// Services grouped into waves: a wave holds the services whose dependencies all sit in earlier
/// waves, so a wave starts together once the previous one is ready, and stops in the reverse order.
/// </summary>
public static class StartPlan
{
    public static IReadOnlyList<IReadOnlyList<ServiceManifest>> Waves(SystemManifest manifest)
    {
        var wave = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var service in manifest.StartOrder())
            wave[service.Name] = service.DependsOn.Count == 0 ? 0 : service.DependsOn.Max(d => wave[d]) + 1;
        return manifest.StartOrder()
            .GroupBy(s => wave[s.Name])
            .OrderBy(g => g.Key)
            .Select(g => (IReadOnlyList<ServiceManifest>)g.ToList())
            .ToList();
    }
}
