using Mosaic.PaymentProvider.Tests.Support;

namespace Mosaic.PaymentProvider.Tests.Configuration;

public sealed class CommittedSchemaTests
{
    [Fact]
    public void The_committed_configuration_schema_is_what_the_payment_provider_declares()
    {
        using var provider = new ProviderFactory();
        CommittedConfigSchema.AssertCurrent(provider.Services, "payment-provider");
    }
}
