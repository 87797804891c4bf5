using Mosaic.Gateway.Tests.Support;

namespace Mosaic.Gateway.Tests;

public sealed class CommittedSchemaTests
{
    [Fact]
    public async Task The_committed_configuration_schema_is_what_the_gateway_declares()
    {
        await using var gateway = await GatewayHost.StartAsync([new Uri("http://127.0.0.1:1")], [new Uri("http://127.0.0.1:1")]);
        CommittedConfigSchema.AssertCurrent(gateway.Services, "gateway");
    }
}
