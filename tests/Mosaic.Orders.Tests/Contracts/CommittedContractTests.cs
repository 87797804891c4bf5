using Mosaic.Orders.Tests.Support;

namespace Mosaic.Orders.Tests.Contracts;

public sealed class CommittedContractTests
{
    [Fact]
    public async Task The_committed_contract_is_what_orders_exposes()
    {
        await using var orders = new OrdersFactory();
        CommittedServiceContract.AssertCurrent(orders.Services, "orders");
    }
}
