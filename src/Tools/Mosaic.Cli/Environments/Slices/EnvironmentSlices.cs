using Mosaic.Cli.Environments.Loading;

namespace Mosaic.Cli.Environments.Slices;

/// <summary>
/// The entry points <c>mosaic up</c> (and <c>env render</c>, <c>env drift</c>) use to give a service its
/// configuration. Each throws a <see cref="CommandLine.CliException"/> with one sentence to act on when the
/// environment has a problem in that service's section, a key is missing, or a secret does not decrypt.
/// </summary>
public static class EnvironmentSlices
{
    /// <summary>The slice a service receives in an environment, secrets decrypted.</summary>
    /// <param name="environmentVariable">Where <c>MOSAIC_ENV_KEY_ENV</c> is read; the process's variables when null.</param>
    public static ConfigSlice Render(string workspaceRoot, string environment, string service, Func<string, string?>? environmentVariable = null)
    {
        var planner = new SlicePlanner(workspaceRoot, environmentVariable ?? System.Environment.GetEnvironmentVariable);
        var (plan, store) = planner.Plan(environment, service);
        return plan.Decrypt(store, () => planner.Keys.Require(environment));
    }

    /// <summary>The version of the slice <see cref="Render"/> would return, computed without decrypting anything.</summary>
    public static string Version(string workspaceRoot, string environment, string service, Func<string, string?>? environmentVariable = null) =>
        Plan(workspaceRoot, environment, service, environmentVariable).Version;

    /// <summary>The slice with its secrets still named, not decrypted: what can be shown without the environment's key.</summary>
    public static SlicePlan Plan(string workspaceRoot, string environment, string service, Func<string, string?>? environmentVariable = null) =>
        new SlicePlanner(workspaceRoot, environmentVariable ?? System.Environment.GetEnvironmentVariable).Plan(environment, service).Plan;

    /// <summary>Where <c>mosaic up</c> writes a service's slice: <c>.mosaic/ENV/config/SERVICE.json</c>.</summary>
    public static string SlicePath(string workspaceRoot, string environment, string service) =>
        Path.Combine(workspaceRoot, ".mosaic", environment, "config", service + ".json");

    /// <summary>The environments the checkout defines: the overlays in <c>environments/</c> (base only when it stands alone).</summary>
    public static IReadOnlyList<string> Environments(string workspaceRoot) => EnvironmentPaths.Environments(workspaceRoot);
}
