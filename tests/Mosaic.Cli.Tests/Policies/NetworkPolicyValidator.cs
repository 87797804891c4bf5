using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Servers;

namespace Mosaic.Cli.Tests.Policies;

/// <summary>
/// Validates NetworkPolicy YAML with <c>Policies/Kubernetes/validate.mjs</c>: the npm packages pinned in its
/// <c>package-lock.json</c> are installed once, with <c>npm ci</c>, into a temporary folder (never into the
/// checkout). Node.js and npm are required: without them every test that uses this fails, saying so.
/// </summary>
public sealed class NetworkPolicyValidator : IAsyncLifetime
{
    private static readonly string Sources = Path.Combine(CheckoutRoot.Path, "tests", "Mosaic.Cli.Tests", "Policies", "Kubernetes");

    public string Folder { get; } = Directory.CreateTempSubdirectory("mosaic-networkpolicy-validation-").FullName;

    public async ValueTask InitializeAsync()
    {
        foreach (var file in (string[])["package.json", "package-lock.json", "validate.mjs"])
            File.Copy(Path.Combine(Sources, file), Path.Combine(Folder, file));
        var install = await RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], TimeSpan.FromMinutes(4));
        if (install.ExitCode != 0)
            throw new InvalidOperationException($"npm ci in {Folder} failed with exit code {install.ExitCode} (it needs the npm registry): {install.Output}");
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    /// <summary>The validator's exit code (0: every document valid) and what it printed.</summary>
    public async Task<(int ExitCode, string Output)> ValidateAsync(string yamlFile)
    {
        var result = await RunAsync("node", ["validate.mjs", yamlFile], TimeSpan.FromMinutes(1));
        return (result.ExitCode, result.Output);
    }

    private async Task<ToolResult> RunAsync(string program, string[] arguments, TimeSpan bound)
    {
        try
        {
            return await new ServerTool(program, arguments) { WorkingDirectory = Folder, Timeout = bound }.RunAsync(CancellationToken.None);
        }
        catch (CliException e)
        {
            throw new InvalidOperationException(
                $"{e.Message} Validating the rendered NetworkPolicies needs Node.js 20 or later and npm (apt-get install -y nodejs npm).", e);
        }
    }
}
