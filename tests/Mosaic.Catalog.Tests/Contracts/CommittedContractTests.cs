using Mosaic.Catalog.Tests.Support;

namespace Mosaic.Catalog.Tests.Contracts;

public sealed class CommittedContractTests
{
    [Fact]
    public void The_committed_contract_is_what_catalog_exposes()
    {
        using var catalog = new CatalogFactory();
        CommittedServiceContract.AssertCurrent(catalog.Services, "catalog");
    }
}
