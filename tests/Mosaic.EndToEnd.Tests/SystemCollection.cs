namespace Mosaic.EndToEnd.Tests;

/// <summary>All end-to-end tests share one running system, started once.</summary>
[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<MosaicSystem>
{
    public const string Name = "system";
}
