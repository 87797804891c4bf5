using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mosaic.Catalog.Contracts;

namespace Mosaic.Orders.Tests.Support;

/// <summary>
/// Catalog's <c>GET /products/{id}</c> on a real port, so orders reaches it through its internal
/// client exactly as it reaches the real one. <see cref="Failing"/> makes it answer 500.
/// </summary>
public sealed class FakeCatalog : IAsyncDisposable
{
    public static readonly ProductResponse Kettle = new(new Guid("0a1e0000-0000-4000-8000-000000000001"), "Gooseneck Kettle", "coffee", "", 39.95m, 10);
    public static readonly ProductResponse Beans = new(new Guid("0a1e0000-0000-4000-8000-000000000002"), "House Beans 1 kg", "coffee", "", 12.50m, 0);
    public static readonly ProductResponse Grinder = new(new Guid("0a1e0000-0000-4000-8000-000000000003"), "Hand Grinder", "coffee", "", 89m, 3);

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<Guid, ProductResponse> products = new();

    public FakeCatalog()
    {
        foreach (var product in new[] { Kettle, Beans, Grinder }) products[product.Id] = product;
        Url = $"http://127.0.0.1:{FreePort.Next()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(Url);
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.MapGet("/products/{id:guid}", (Guid id) =>
            Failing ? Results.StatusCode(StatusCodes.Status500InternalServerError)
            : products.TryGetValue(id, out var product) ? Results.Ok(product)
            : Results.NotFound());
        app.Start();
    }

    public string Url { get; }

    public bool Failing { get; set; }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
