namespace Mosaic.EndToEnd.Tests;

/// <summary>The tests of the production profile share one running system, started once after the embedded one stops.</summary>
[CollectionDefinition(Name)]
public sealed class ProductionCollection : ICollectionFixture<ProductionSystem>
{
    public const string Name = "production system";
}
