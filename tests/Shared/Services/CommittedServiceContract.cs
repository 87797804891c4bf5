using Mosaic.Platform.Contracts;

namespace Mosaic.Tests.Shared;

/// <summary>
/// The endpoints and events a started service exposes must be the contract committed under <c>contracts/services/</c>,
/// which <c>mosaic policy check</c> checks the policy against: a stale export fails here.
/// </summary>
public static class CommittedServiceContract
{
    public static void AssertCurrent(IServiceProvider services, string service)
    {
        var exposed = ServiceContract.Of(service, services).ToJson();
        var path = Path.Combine(CheckoutRoot.Path, ServiceContract.RelativePath(service));
        var committed = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal) : "(missing)";
        Assert.True(committed == exposed,
            $"{ServiceContract.RelativePath(service)} is not what {service} exposes: run ./mosaic policy contracts and commit the result.\nExposed:\n{exposed}");
    }
}
