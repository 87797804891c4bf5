using Mosaic.Payments.Tests.Support;

namespace Mosaic.Payments.Tests.Configuration;

public sealed class CommittedSchemaTests
{
    [Fact]
    public async Task The_committed_configuration_schema_is_what_payments_declares()
    {
        await using var system = new PaymentsSystem();
        await system.StartAsync();
        CommittedConfigSchema.AssertCurrent(system.Services, "payments");
    }
}
