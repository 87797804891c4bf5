using Mosaic.Gateway.Tests.Support;

namespace Mosaic.Gateway.Tests;

public sealed class CommittedContractTests
{
    [Fact]
    public async Task The_committed_contract_is_what_the_gateway_exposes()
    {
        await using var gateway = await GatewayHost.StartAsync([new Uri("http://127.0.0.1:1")], [new Uri("http://127.0.0.1:1")]);
        CommittedServiceContract.AssertCurrent(gateway.Services, "gateway");
    }
}
