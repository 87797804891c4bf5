using Mosaic.Cli.Load.Scheduling;

namespace Mosaic.Cli.Load.Scenarios;

/// <summary>
/// What a load run sends: a weighted mix of requests over a pool of logged-in <see cref="Users"/>,
/// with <see cref="Products"/> products of its own to order from, and optionally its own rate phases
/// (a command line's <c>--rate</c> takes precedence).
/// </summary>
public sealed record Scenario(string Name, int Users, int Products, IReadOnlyList<ScenarioRequest> Requests, IReadOnlyList<RatePhase>? Phases)
{
    /// <summary>The default: the shop mix of browsing, looking at a product, ordering and checking an order.</summary>
    public static Scenario ShopMix { get; } = ScenarioFile.Parse(ShopMixYaml, "the built-in shop mix");

    public const string ShopMixYaml = """
        # The default `mosaic load` scenario: shoppers browse, look at products, order, and check orders.
        name: shop-mix
        users: 20          # registered and logged in through the gateway before the run
        products: 4        # created for the run, each with a large stock, so orders do not run out
        requests:
          - name: browse
            weight: 35
            get: /api/catalog/products?page={page}&pageSize=20
          - name: product-detail
            weight: 35
            get: /api/catalog/products/{productId}
          - name: place-order
            weight: 10
            post: /api/orders
            headers:
              Idempotency-Key: "{uuid}"
            body: '{"items":[{"productId":"{productId}","quantity":1}],"paymentToken":"tok_ok"}'
            remember: order
          - name: order-status
            weight: 20
            get: /api/orders/{orderId}
        """;
}
