using Mosaic.Cli.Supervisor;
using Mosaic.Cli.Tests.Support;

namespace Mosaic.Cli.Tests.Supervisor;

public class StartPlanTests
{
    [Fact]
    public void Services_start_after_everything_they_depend_on()
    {
        // The shop's shape: gateway needs identity and catalog; catalog needs identity.
        using var workspace = TempWorkspace.WithServices("gateway:1:identity,catalog", "catalog:2:identity", "identity");

        var waves = StartPlan.Waves(workspace.Manifest).Select(w => w.Select(s => s.Name).ToArray()).ToArray();

        Assert.Equal([["identity"], ["catalog"], ["gateway"]], waves);
    }

    [Fact]
    public void Independent_services_share_a_wave()
    {
        using var workspace = TempWorkspace.WithServices("web:1:orders,catalog", "orders", "catalog", "reports:1:orders");

        var waves = StartPlan.Waves(workspace.Manifest).Select(w => w.Select(s => s.Name).Order().ToArray()).ToArray();

        Assert.Equal([["catalog", "orders"], ["reports", "web"]], waves);
    }
}
