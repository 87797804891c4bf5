using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Mosaic.Platform.LoadShedding;
using Mosaic.Platform.Configuration;
using Mosaic.Platform.Listeners;
using Mosaic.Platform.Logging;
using Mosaic.Platform.Management;
using Mosaic.Platform.Manifest;
using Mosaic.Platform.Metrics;
using Mosaic.Platform.Problems;
using Mosaic.Platform.ServiceClients;
using Mosaic.Platform.Tracing;

namespace Mosaic.Platform.Hosting;

public static class MosaicHosting
{
    /// <summary>
    /// Everything a Mosaic service stands on, in one call: JSON logs with trace ids, W3C trace
    /// context, problem+json errors, request validation, the API and management listeners, health,
    /// metrics, info, graceful shutdown and the internal client to reach other services.
    /// </summary>
    public static WebApplicationBuilder AddMosaic(this WebApplicationBuilder builder, string service)
    {
        AddQuietFrameworkLogging(builder.Configuration);
        var options = ReadOptions(builder.Configuration, service);
        // Later registrations (AddMosaicDatabase) read the Mosaic section straight from configuration;
        // without this they would see an empty service name and open "data/.db".
        builder.Configuration[$"{MosaicOptions.Section}:{nameof(MosaicOptions.Service)}"] = service;
        var manifest = LoadManifest(options);
        var ports = ResolvePorts(options, manifest);
        var identity = ServiceIdentity.From(options, Assembly.GetEntryAssembly() ?? typeof(MosaicHosting).Assembly);

        TracingSetup.EnsureStarted();
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(console => console.FormatterName = JsonLineFormatter.FormatterName);
        builder.Logging.AddConsoleFormatter<JsonLineFormatter, JsonLineFormatterOptions>(json => json.Identity = identity);

        builder.Services.AddOptions<MosaicOptions>()
            .Bind(builder.Configuration.GetSection(MosaicOptions.Section))
            .Configure(o => o.Service = service)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(identity);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);

        if (ports is not null)
        {
            builder.Services.AddSingleton(ports);
            builder.WebHost.ConfigureKestrel(kestrel => ListenerSetup.Configure(kestrel, options, ports));
        }

        builder.Services.AddMosaicProblems();
        builder.Services.AddHealthChecks()
            .AddCheck("process", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy(), tags: [ManagementEndpoints.LiveTag])
            .AddCheck<ShutdownHealthCheck>("accepting-work", tags: [ManagementEndpoints.ReadyTag]);
        builder.Services.AddSingleton(new PrometheusExporter(
        [
            new("service", identity.Service),
            new("instance", identity.InstanceId),
            new("environment", identity.Environment),
        ]));

        builder.Services.AddSingleton(new ServiceEndpoints(EndpointMap(builder.Configuration, manifest), TimeProvider.System));
        builder.Services.AddSingleton<InternalTransport>();
        builder.Services.AddSingleton<ServiceClientMetrics>();
        builder.Services.AddOptions<ServiceClientOptions>().Bind(builder.Configuration.GetSection(ServiceClientOptions.Section));
        builder.Services.AddSingleton<IServiceClientFactory, ServiceClientFactory>();
        if (manifest is not null) builder.Services.AddSingleton(manifest);

        builder.Services.AddInboundConcurrencyLimit(builder.Configuration);
        builder.Services.AddSingleton<IStartupFilter>(new MosaicPipeline(ports));
        SettingsSetup.AddConfigSlice(builder, service);
        return builder;
    }

    private static MosaicOptions ReadOptions(IConfiguration configuration, string service)
    {
        var options = configuration.GetSection(MosaicOptions.Section).Get<MosaicOptions>() ?? new MosaicOptions();
        options.Service = service;
        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), errors, validateAllProperties: true))
            throw new OptionsValidationException(MosaicOptions.Section, typeof(MosaicOptions),
                errors.Select(e => $"Mosaic:{string.Join(",", e.MemberNames)}: {e.ErrorMessage}"));
        return options;
    }

    private static SystemManifest? LoadManifest(MosaicOptions options)
    {
        var path = string.IsNullOrEmpty(options.Manifest) ? ManifestLoader.Find(Directory.GetCurrentDirectory()) : options.Manifest;
        return path is null ? null : ManifestLoader.Load(path);
    }

    private static ListenerPorts? ResolvePorts(MosaicOptions options, SystemManifest? manifest)
    {
        var fromManifest = manifest?.Services.TryGetValue(options.Service, out var entry) == true && options.Instance < entry.Instances
            ? entry.Instance(options.Instance)
            : null;
        var api = options.Port ?? fromManifest?.Port;
        var management = options.ManagementPort ?? fromManifest?.ManagementPort;
        if (api is null && management is null) return null;
        if (api is null || management is null || api == management)
            throw new OptionsValidationException(MosaicOptions.Section, typeof(MosaicOptions),
                [$"Mosaic:Port and Mosaic:ManagementPort must both be set and differ for '{options.InstanceId}' (or come from mosaic.yaml)."]);
        return new ListenerPorts(api.Value, management.Value);
    }

    /// <summary>Instances from the manifest, replaced per service by <c>Mosaic:Endpoints:SERVICE</c> ("http://a:1,http://b:2").</summary>
    private static Dictionary<string, IReadOnlyList<Uri>> EndpointMap(IConfiguration configuration, SystemManifest? manifest)
    {
        var map = new Dictionary<string, IReadOnlyList<Uri>>(StringComparer.Ordinal);
        foreach (var service in manifest?.Services.Values ?? [])
            map[service.Name] = service.AllInstances().Select(i => i.ApiAddress).ToList();
        foreach (var entry in configuration.GetSection("Mosaic:Endpoints").GetChildren())
        {
            if (string.IsNullOrWhiteSpace(entry.Value)) continue;
            map[entry.Key] = entry.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(address => Uri.TryCreate(address, UriKind.Absolute, out var uri)
                    ? uri
                    : throw new OptionsValidationException("Mosaic:Endpoints", typeof(MosaicOptions), [$"Mosaic:Endpoints:{entry.Key} has '{address}', which is not an absolute URL."]))
                .ToList();
        }
        return map;
    }

    /// <summary>Per-request framework chatter stays out of the logs unless configuration asks for it.</summary>
    private static void AddQuietFrameworkLogging(ConfigurationManager configuration) =>
        ((IConfigurationBuilder)configuration).Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
                ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
            },
        });
}
