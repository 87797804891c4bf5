using Mosaic.PaymentProvider.Faults;
using Mosaic.PaymentProvider.Merchants;

namespace Mosaic.PaymentProvider.Api;

internal static class ProviderApi
{
    /// <summary>
    /// The charges API and the admin API that sets its faults. Faults strike what a merchant does
    /// (charging and refunding); reading the ledger never fails, because it is the oracle tests audit
    /// for double charges, faults or not. Charging and refunding need the merchant key
    /// (<see cref="MerchantKeyCheck"/>); the ledger reads and the fault settings are the simulator's
    /// own instruments and stay open: this stands in for an outside system, reached only by payments.
    /// </summary>
    public static IEndpointRouteBuilder MapProviderApi(this IEndpointRouteBuilder app)
    {
        var faulty = app.MapGroup("").AddEndpointFilter<MerchantKeyCheck>().AddEndpointFilter<FaultInjection>();
        CreateCharge.Map(faulty);
        RefundCharge.Map(faulty);
        ListCharges.Map(app);
        GetCharge.Map(app);
        ManageFaults.Map(app);
        return app;
    }
}
