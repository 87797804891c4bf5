using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;

namespace Mosaic.EndToEnd.Tests;

/// <summary>
/// What <c>./mosaic up</c> runs is an optimised build throughout: a service's own assembly, and the
/// platform and contracts it loads beside it. (The services solution <c>up</c> builds once listed only
/// the services, and MSBuild built the platform they reference in Debug, so every service ran an
/// unoptimised platform without anything failing.)
/// </summary>
[Collection(SystemCollection.Name)]
public class ReleaseBuildTests(MosaicSystem system)
{
    [Fact]
    public async Task Every_running_service_loaded_only_optimised_Mosaic_assemblies()
    {
        var pids = (await system.StatusAsync())
            .Select(i => (Service: i.GetProperty("service").GetString()!, Pid: i.GetProperty("pid").GetInt32()))
            .ToList();
        Assert.NotEmpty(pids);

        foreach (var (service, pid) in pids)
        {
            var loaded = MosaicAssembliesMappedBy(pid);
            Assert.Contains(loaded, path => Path.GetFileName(path) == "Mosaic.Platform.dll");
            foreach (var path in loaded)
                Assert.False(IsUnoptimised(path), $"{service} (pid {pid}) runs {path}, built without optimisations (Debug).");
        }
    }

    /// <summary>The Mosaic assemblies a process has mapped, read from <c>/proc/PID/maps</c>.</summary>
    private static List<string> MosaicAssembliesMappedBy(int pid) =>
        File.ReadLines($"/proc/{pid}/maps")
            .Select(line => line.IndexOf('/', StringComparison.Ordinal) is var at and >= 0 ? line[at..] : "")
            .Where(path => Path.GetFileName(path).StartsWith("Mosaic.", StringComparison.Ordinal) && path.EndsWith(".dll", StringComparison.Ordinal))
            .Distinct()
            .ToList();

    private static bool IsUnoptimised(string path)
    {
        var context = new AssemblyLoadContext($"inspect {path}", isCollectible: true);
        try
        {
            var debuggable = context.LoadFromAssemblyPath(path).GetCustomAttribute<DebuggableAttribute>();
            return debuggable?.IsJITOptimizerDisabled ?? false;
        }
        finally
        {
            context.Unload();
        }
    }
}
