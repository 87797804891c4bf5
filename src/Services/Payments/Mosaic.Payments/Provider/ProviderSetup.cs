using Mosaic.Platform.Configuration;
using Mosaic.Payments.Telemetry;

namespace Mosaic.Payments.Provider;

public static class ProviderSetup
{
    /// <summary>The payment provider's client, its options (validated at start) and its one resilience pipeline.</summary>
    public static WebApplicationBuilder AddPaymentProvider(this WebApplicationBuilder builder)
    {
        builder.AddSettings<ProviderOptions>(ProviderOptions.Section);
        builder.Services.AddSingleton<PaymentsMetrics>();
        builder.Services.AddSingleton<ProviderPipeline>();
        builder.Services.AddSingleton<PaymentProviderClient>();
        return builder;
    }
}
