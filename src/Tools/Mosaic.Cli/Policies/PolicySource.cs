using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Workspace;
using Mosaic.Platform.Policy;

namespace Mosaic.Cli.Policies;

/// <summary>Which policy file a <c>policy</c> command reads, and reading it with messages a person can act on.</summary>
public static class PolicySource
{
    /// <summary>The operator's command line: a principal of the policy that is not a service of the manifest and serves nothing.</summary>
    public const string Operator = Mosaic.Platform.Certificates.PeerVerifier.OperatorIdentity;

    /// <summary>The file <c>--policy</c> names (relative to the working folder), else <c>policies/policy.yaml</c> of the checkout.</summary>
    public static string Resolve(MosaicWorkspace workspace, string? option) =>
        option is null ? PolicyParser.PathBeside(workspace.ManifestPath) : Path.GetFullPath(option);

    /// <summary>Parses the policy; a syntax error is a <see cref="PolicyException"/> naming the file (as shown) and line.</summary>
    public static PolicyDocument Parse(MosaicWorkspace workspace, string path)
    {
        if (!File.Exists(path))
            throw new CliException($"There is no policy at {workspace.Display(path)}: give an existing file with --policy, or create {PolicyParser.FolderName}/{PolicyParser.FileName}.");
        return PolicyParser.Parse(File.ReadAllText(path), workspace.Display(path));
    }

    /// <summary>As <see cref="Parse"/>, with a syntax error as the command's one sentence.</summary>
    public static PolicyDocument Load(MosaicWorkspace workspace, string path)
    {
        try
        {
            return Parse(workspace, path);
        }
        catch (PolicyException e)
        {
            throw new CliException($"{e.Message.TrimEnd('.')}; ./mosaic policy check lists every problem.", e);
        }
    }
}
