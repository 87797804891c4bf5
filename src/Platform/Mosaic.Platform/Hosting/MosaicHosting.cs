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
using Mosaic.Platform.Certificates;
using Mosaic.Platform.LoadShedding;
using Mosaic.Platform.Configuration;
using Mosaic.Platform.Contracts;
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
    /// <param name="builder">The service's builder.</param>
    /// <param name="service">The service's name in mosaic.yaml.</param>
    /// <param name="api">
    /// Who may reach the API listener: by default only this environment's identities over mutual TLS, as the
    /// policy allows; <see cref="ApiListener.Public"/> for the gateway's public entry.
    /// </param>
    public static WebApplicationBuilder AddMosaic(this WebApplicationBuilder builder, string service, ApiListener api = ApiListener.MutualTls)
    {
        InvalidSettingsException.ExitQuietlyWhenUncaught();
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

        var security = SecuritySetup.Add(builder, options, manifest, ports, api);
        if (ports is not null)
        {
            builder.Services.AddSingleton(ports);
            builder.WebHost.ConfigureKestrel(kestrel => ListenerSetup.Configure(kestrel, options, ports, security));
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

        builder.Services.AddSingleton(new ServiceEndpoints(EndpointMap(builder.Configuration, manifest, security.MutualTls), TimeProvider.System));
        builder.Services.AddSingleton(new InternalTransport(security.Verifier is null ? null : new ClientIdentity(security.Verifier)));
        builder.Services.AddSingleton<ServiceClientMetrics>();
        builder.Services.AddOptions<ServiceClientOptions>().Bind(builder.Configuration.GetSection(ServiceClientOptions.Section));
        builder.Services.AddSingleton<IServiceClientFactory, ServiceClientFactory>();
        if (manifest is not null) builder.Services.AddSingleton(manifest);

        builder.Services.AddInboundConcurrencyLimit(builder.Configuration);
        builder.Services.AddSingleton<IStartupFilter>(new MosaicPipeline(ports, security.InboundEnforced));
        SettingsSetup.AddConfigSlice(builder, service);
        builder.AddContractExport(service);
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

    /// <summary>
    /// Instances from the manifest (https when this service speaks mutual TLS), replaced per service by
    /// <c>Mosaic:Endpoints:SERVICE</c> ("http://a:1,http://b:2").
    /// </summary>
    private static Dictionary<string, IReadOnlyList<Uri>> EndpointMap(IConfiguration configuration, SystemManifest? manifest, bool mutualTls)
    {
        var map = new Dictionary<string, IReadOnlyList<Uri>>(StringComparer.Ordinal);
        foreach (var service in manifest?.Services.Values ?? [])
            map[service.Name] = service.AllInstances()
                .Select(i => mutualTls ? new UriBuilder(i.ApiAddress) { Scheme = Uri.UriSchemeHttps }.Uri : i.ApiAddress)
                .ToList();
        foreach (var entry in configuration.GetSection("Mosaic:Endpoints").GetChildren())
        {
            if (string.IsNullOrWhiteSpace(entry.Value)) continue;
            map[entry.Key] = entry.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(address => Uri.TryCreate(address, UriKind.Absolute, out var uri)
                    ? mutualTls && uri.Scheme != Uri.UriSchemeHttps
                        // A plain address would carry no identity and check none: mutual TLS cannot be turned off by an endpoint.
                        ? throw new OptionsValidationException("Mosaic:Endpoints", typeof(MosaicOptions), [$"Mosaic:Endpoints:{entry.Key} has '{address}'; with mutual TLS on, instances are https:// addresses."])
                        : uri
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
