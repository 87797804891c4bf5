using Mosaic.Cli.Workspace;
using Mosaic.Platform.Manifest;
using Mosaic.Platform.Policy;

namespace Mosaic.Cli.Policies.Rendering;

/// <summary>What everything is rendered from: the manifest and the policy beside it (<c>policies/policy.yaml</c>).</summary>
public sealed record PolicyInputs(SystemManifest Manifest, SegmentationPolicy Policy)
{
    public static PolicyInputs Load(MosaicWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        return new PolicyInputs(workspace.LoadManifest(), new SegmentationPolicy(PolicySource.Load(workspace, PolicyParser.PathBeside(workspace.ManifestPath))));
    }
}
