using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Mosaic.Platform.Hosting;
using Mosaic.Platform.Management;
using Mosaic.Platform.Messaging.Consuming;
using Mosaic.Platform.Messaging.Outbox;
using Mosaic.Platform.Messaging.Transport;

namespace Mosaic.Platform.Messaging;

public static class MessagingSetup
{
    /// <summary>
    /// Integration events for a service whose state lives in <typeparamref name="TContext"/>: an outbox
    /// in that database with a relay shipping it, an inbox de-duplicating what its handlers consume,
    /// retries with backoff, dead letters, metrics and traces continued across the bus. The DbContext
    /// maps the tables with <c>MessagingModel.Map</c>; its migration creates them.
    /// </summary>
    public static WebApplicationBuilder AddMosaicMessaging<TContext>(this WebApplicationBuilder builder, Action<MessagingBuilder> configure)
        where TContext : DbContext
    {
        if (builder.Services.Any(s => s.ServiceType == typeof(MessagingRegistry)))
            throw new InvalidOperationException("AddMosaicMessaging is called once per service.");
        var messaging = new MessagingBuilder(builder.Services);
        configure(messaging);
        var service = builder.Configuration[$"{MosaicOptions.Section}:{nameof(MosaicOptions.Service)}"]
            ?? throw new InvalidOperationException("Call AddMosaic before AddMosaicMessaging.");

        builder.Services.AddOptions<MessagingOptions>().Bind(builder.Configuration.GetSection(MessagingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(new MessagingRegistry(messaging.Published, messaging.Consumed));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IMessageTransport>(TransportFactory.Create);
        builder.Services.AddSingleton(services => (IBusAdministration)services.GetRequiredService<IMessageTransport>());
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<OutboxCommitInterceptor>();
        builder.Services.AddSingleton<OutboxStatistics>();
        builder.Services.AddSingleton<MessagingMetrics>();
        builder.Services.AddSingleton<MessagingReadiness>();
        builder.Services.ConfigureDbContext<TContext>((services, db) => db.AddInterceptors(services.GetRequiredService<OutboxCommitInterceptor>()));
        builder.Services.AddScoped<IEventBus, OutboxEventBus<TContext>>();
        builder.Services.AddHostedService<MessagingPolicyCheck>();
        builder.Services.AddHostedService<OutboxRelay<TContext>>();
        builder.Services.AddHostedService<ConsumerHost<TContext>>();
        builder.Services.AddHostedService<InboxPruner<TContext>>();
        builder.Services.AddHealthChecks().AddCheck<MessagingReadiness>("messaging", tags: [ManagementEndpoints.ReadyTag]);
        builder.Services.AddSingleton<IInfoContributor>(services => new MessagingInfo(
            services.GetRequiredService<IMessageTransport>(),
            services.GetRequiredService<MessagingRegistry>(),
            services.GetRequiredService<OutboxStatistics>(),
            service,
            services.GetRequiredService<TimeProvider>()));
        return builder;
    }
}
