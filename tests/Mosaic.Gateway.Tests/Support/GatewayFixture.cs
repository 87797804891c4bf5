namespace Mosaic.Gateway.Tests.Support;

/// <summary>One gateway in front of one fake identity (serving the JWKS), one fake catalog and one fake orders, shared by a test class.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    internal FakeUpstream Identity { get; private set; } = null!;

    internal FakeUpstream Catalog { get; private set; } = null!;

    internal FakeUpstream Orders { get; private set; } = null!;

    internal GatewayHost Gateway { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Identity = await FakeUpstream.StartAsync("identity-0");
        Catalog = await FakeUpstream.StartAsync("catalog-0");
        Orders = await FakeUpstream.StartAsync("orders-0");
        Gateway = await GatewayHost.StartAsync([Identity.Address], [Catalog.Address], orders: [Orders.Address]);
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Orders.DisposeAsync();
        await Catalog.DisposeAsync();
        await Identity.DisposeAsync();
    }
}
