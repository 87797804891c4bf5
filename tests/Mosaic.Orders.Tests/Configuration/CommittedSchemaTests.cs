using Mosaic.Orders.Tests.Support;

namespace Mosaic.Orders.Tests.Configuration;

public sealed class CommittedSchemaTests
{
    [Fact]
    public async Task The_committed_configuration_schema_is_what_orders_declares()
    {
        await using var orders = new OrdersFactory();
        CommittedConfigSchema.AssertCurrent(orders.Services, "orders");
    }
}
