using Mosaic.Catalog.Tests.Support;

namespace Mosaic.Catalog.Tests.Configuration;

public sealed class CommittedSchemaTests
{
    [Fact]
    public void The_committed_configuration_schema_is_what_catalog_declares()
    {
        using var catalog = new CatalogFactory();
        CommittedConfigSchema.AssertCurrent(catalog.Services, "catalog");
    }
}
