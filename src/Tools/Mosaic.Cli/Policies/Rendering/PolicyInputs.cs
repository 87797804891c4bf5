using Mosaic.Cli.CommandLine;
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
        return new PolicyInputs(workspace.LoadManifest(), LoadPolicy(workspace.ManifestPath));
    }

    /// <summary>The policy beside <paramref name="manifestPath"/>; one that cannot be read is a <see cref="CliException"/> naming its file and line.</summary>
    public static SegmentationPolicy LoadPolicy(string manifestPath)
    {
        try
        {
            return SegmentationPolicy.Load(PolicyParser.PathBeside(manifestPath));
        }
        catch (PolicyException e)
        {
            throw new CliException(e.Message, e);
        }
    }
}
