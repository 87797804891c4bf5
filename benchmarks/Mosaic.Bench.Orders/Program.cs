using System.Net;
using Mosaic.Bench.Orders;

var options = OrderOptions.Parse(args, out var error);
if (options is null)
{
    Console.Error.WriteLine(error);
    return 2;
}

var handler = new SocketsHttpHandler
{
    UseProxy = false,
    UseCookies = false,
    AllowAutoRedirect = false,
    AutomaticDecompression = DecompressionMethods.None,
    MaxConnectionsPerServer = options.Connections,
    PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
    ConnectTimeout = TimeSpan.FromSeconds(2),
};
using var shop = new Shop(new HttpClient(handler, disposeHandler: true) { BaseAddress = options.Gateway, Timeout = TimeSpan.FromSeconds(30) });
var cancellation = CancellationToken.None;

List<string> tokens;
List<Guid> products;
try
{
    Console.WriteLine($"setting up: {options.Products} products of {options.Stock} units (as {options.AdminEmail}), {options.Customers} customers");
    var admin = await shop.LoginAsync(options.AdminEmail, options.AdminPassword, cancellation);
    products = [];
    for (var i = 0; i < options.Products; i++) products.Add(await shop.NewProductAsync(admin, options.Stock, cancellation));
    tokens = [];
    for (var i = 0; i < options.Customers; i++) tokens.Add(await shop.NewCustomerAsync($"c{i}", cancellation));
}
catch (HttpRequestException e)
{
    Console.Error.WriteLine($"order-load: setting up failed ({e.Message}); is the system up and the admin created?");
    return 1;
}

Console.WriteLine($"placing: {options.Rate} orders/s for {options.WarmUp.TotalSeconds:0} s (warm-up) + {options.Duration.TotalSeconds:0} s (measured)");
var placer = new OrderPlacer(shop, options, tokens, products);
await placer.RunAsync();
Console.WriteLine($"reading back {placer.Orders.Count(o => o.Id is not null)} accepted orders until each is Confirmed or Cancelled");
await OrderReader.SettleAsync(shop, placer.Orders, tokens, options.SettleTimeout, Console.Out);
OrderReport.Write(Console.Out, options, placer);
var measured = placer.Orders.Where(o => o.Measured).ToList();
return placer.Saturated || measured.Any(o => o.Id is null || !o.IsTerminal) ? 1 : 0;
