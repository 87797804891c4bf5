using Mosaic.PaymentProvider.Tests.Support;

namespace Mosaic.PaymentProvider.Tests.Contracts;

public sealed class CommittedContractTests
{
    [Fact]
    public void The_committed_contract_is_what_the_payment_provider_exposes()
    {
        using var provider = new ProviderFactory();
        CommittedServiceContract.AssertCurrent(provider.Services, "payment-provider");
    }
}
