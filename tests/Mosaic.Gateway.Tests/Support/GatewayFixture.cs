namespace Mosaic.Gateway.Tests.Support;

/// <summary>One gateway in front of one fake identity (serving the JWKS) and one fake catalog, shared by a test class.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    internal FakeUpstream Identity { get; private set; } = null!;

    internal FakeUpstream Catalog { get; private set; } = null!;

    internal GatewayHost Gateway { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Identity = await FakeUpstream.StartAsync("identity-0");
        Catalog = await FakeUpstream.StartAsync("catalog-0");
        Gateway = await GatewayHost.StartAsync([Identity.Address], [Catalog.Address]);
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Catalog.DisposeAsync();
        await Identity.DisposeAsync();
    }
}
