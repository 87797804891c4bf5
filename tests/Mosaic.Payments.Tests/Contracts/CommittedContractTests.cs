using Mosaic.Payments.Tests.Support;

namespace Mosaic.Payments.Tests.Contracts;

public sealed class CommittedContractTests
{
    [Fact]
    public async Task The_committed_contract_is_what_payments_exposes()
    {
        await using var system = new PaymentsSystem();
        await system.StartAsync();
        CommittedServiceContract.AssertCurrent(system.Services, "payments");
    }
}
