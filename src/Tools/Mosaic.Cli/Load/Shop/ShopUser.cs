namespace Mosaic.Cli.Load.Shop;

/// <summary>A shopper of the run's pool, logged in through the gateway.</summary>
public sealed record ShopUser(string Email, string AccessToken);
