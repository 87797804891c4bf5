using Mosaic.Cli.CommandLine;
using Mosaic.Cli.ServiceAccess;
using Mosaic.Cli.Supervisor;
using Mosaic.Cli.Workspace;
using Mosaic.Platform.Manifest;

namespace Mosaic.Cli.Chaos;

/// <summary>The running system an experiment acts on: its manifest, <c>up</c>'s record of its processes, and the way to call a service's API.</summary>
public sealed class ChaosTarget(MosaicWorkspace workspace, SystemManifest manifest, ServiceApiClient services)
{
    public MosaicWorkspace Workspace { get; } = workspace;

    public SystemManifest Manifest { get; } = manifest;

    public ServiceApiClient Services { get; } = services;

    public RunRecord Running() =>
        RunFile.Read(Workspace.RunFilePath) is { Up.IsAlive: true } record
            ? record
            : throw new CliException($"mosaic up is not running in '{Workspace.Environment}': start it with ./mosaic up -e {Workspace.Environment} first.");

    /// <summary>The live process of instance <paramref name="index"/> of <paramref name="service"/>, as <c>up</c> recorded it.</summary>
    public ProcessIdentity Process(string service, int index = 0)
    {
        var instance = Running().Instances.FirstOrDefault(i => i.Service == service && i.Index == index)
            ?? throw new CliException($"mosaic up has no instance {service}-{index} running: see ./mosaic status -e {Workspace.Environment}.");
        return instance.Process.IsAlive
            ? instance.Process
            : throw new CliException($"{service}-{index} (pid {instance.Process.Pid}) is not running right now: see ./mosaic status -e {Workspace.Environment}.");
    }
}
