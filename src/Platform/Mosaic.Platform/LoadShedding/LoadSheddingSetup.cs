using Microsoft.Extensions.DependencyInjection;

namespace Mosaic.Platform.LoadShedding;

internal static class LoadSheddingSetup
{
    /// <summary>Binds and checks <c>Mosaic:LoadShedding</c> at start-up, and registers the middleware the pipeline puts in front of the API.</summary>
    public static IServiceCollection AddInboundConcurrencyLimit(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        services.AddOptions<InboundLimitOptions>()
            .Bind(configuration.GetSection(InboundLimitOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<InboundConcurrencyLimit>();
        return services;
    }
}
