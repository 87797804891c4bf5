using Mosaic.Platform.Configuration;
using Mosaic.Orders.Pricing;
using Mosaic.Orders.Process;

namespace Mosaic.Orders;

internal static class OrdersSetup
{
    /// <summary>The order process's own parts: its settings, the payment timeout sweeper, catalog pricing and metrics.</summary>
    public static WebApplicationBuilder AddOrderProcess(this WebApplicationBuilder builder)
    {
        builder.AddSettings<OrdersOptions>(OrdersOptions.Section);
        builder.Services.AddSingleton<OrderMetrics>();
        builder.Services.AddSingleton<CatalogPrices>();
        builder.Services.AddScoped<OrderProcess>();
        builder.Services.AddScoped<PaymentDeadlines>();
        builder.Services.AddHostedService<PaymentTimeoutSweeper>();
        return builder;
    }
}
