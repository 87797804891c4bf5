namespace Mosaic.Orders.Api;

internal static class OrdersApi
{
    /// <summary>Every orders endpoint; each needs an access token, and a customer sees only their own orders.</summary>
    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        PlaceOrder.Map(app);
        GetOrder.Map(app);
        ListOrders.Map(app);
        CancelOrder.Map(app);
        return app;
    }
}
