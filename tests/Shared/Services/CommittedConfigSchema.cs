using Microsoft.Extensions.DependencyInjection;
using Mosaic.Platform.Configuration;

namespace Mosaic.Tests.Shared;

/// <summary>
/// The schema a service's code declares must be the one committed under <c>contracts/config/</c>,
/// which <c>mosaic env validate</c> checks the environments against: a stale export fails here.
/// </summary>
public static class CommittedConfigSchema
{
    public static void AssertCurrent(IServiceProvider services, string service)
    {
        var declared = ConfigSchema.Generate(service, services.GetServices<SettingsDeclaration>());
        var path = Path.Combine(CheckoutRoot.Path, "contracts", "config", $"{service}.schema.json");
        var committed = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal) : "(missing)";
        Assert.True(committed == declared,
            $"contracts/config/{service}.schema.json is not what {service} declares: run ./mosaic env schema and commit the result.\nDeclared:\n{declared}");
    }
}
