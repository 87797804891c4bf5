namespace Mosaic.Payments.Api;

internal static class PaymentsApi
{
    /// <summary>Payments works from events; its one endpoint lets an admin see what became of an order's payment.</summary>
    public static IEndpointRouteBuilder MapPaymentsApi(this IEndpointRouteBuilder app)
    {
        GetPayment.Map(app);
        return app;
    }
}
