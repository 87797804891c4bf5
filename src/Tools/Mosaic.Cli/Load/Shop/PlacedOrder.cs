namespace Mosaic.Cli.Load.Shop;

/// <summary>An order the run placed and the gateway accepted (202): whose it is, when it was due and when it was accepted.</summary>
public sealed record PlacedOrder(Guid Id, ShopUser Owner, long DueTimestamp, long AcceptedTimestamp);
