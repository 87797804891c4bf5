namespace Mosaic.EndToEnd.Tests;

/// <summary>The order journey on the embedded profile: SQLite files and the embedded bus.</summary>
[Collection(SystemCollection.Name)]
public sealed class EmbeddedOrderJourneyTests(MosaicSystem system) : OrderJourneyTests(system);
