using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mosaic.Platform.Configuration;

/// <summary>
/// Builds the service's container once every setting is declared, which is the first moment the
/// whole declaration is known. It then, in order: exports the schema and exits when asked to
/// (<c>--Mosaic:ExportConfigSchema=FILE</c>); refuses to build when a declared setting is invalid,
/// with one message naming each key; and from then on checks every changed slice before it applies.
/// </summary>
internal sealed class SettingsCheckingProviderFactory(ConfigurationManager configuration, string service, bool development)
    : IServiceProviderFactory<IServiceCollection>
{
    public IServiceCollection CreateBuilder(IServiceCollection services) => services;

    public IServiceProvider CreateServiceProvider(IServiceCollection containerBuilder)
    {
        var declarations = containerBuilder
            .Where(d => d.ServiceType == typeof(SettingsDeclaration))
            .Select(d => d.ImplementationInstance)
            .OfType<SettingsDeclaration>()
            .ToList();

        if (configuration[SettingsSetup.ExportSchemaKey] is { Length: > 0 } exportTo)
        {
            File.WriteAllText(exportTo, ConfigSchema.Generate(service, declarations));
            Console.Out.WriteLine($"{service}: configuration schema written to {exportTo}");
            // Asked for its schema only: the service must not start, open its database or bind its ports.
            Environment.Exit(0);
        }

        var problems = SettingsValidator.Validate(configuration, declarations);
        if (problems.Count > 0)
        {
            var version = Slice?.Current is { } current ? $" (configuration {current.Version} for '{current.Environment}')" : "";
            var message = $"{service} cannot start: its configuration is invalid{version}: {string.Join("; ", problems)}";
            Console.Error.WriteLine(message);
            throw new InvalidSettingsException(service, problems);
        }

        var provider = containerBuilder.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = development, ValidateOnBuild = development });
        if (Slice is { } slice)
            slice.Watch(
                candidate =>
                {
                    using var view = CandidateConfiguration.With(configuration, slice, candidate);
                    return SettingsValidator.Validate(view, declarations);
                },
            provider.GetRequiredService<ILoggerFactory>(),
                provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        return provider;
    }

    private ConfigSliceProvider? Slice => ((IConfigurationRoot)configuration).Providers.OfType<ConfigSliceProvider>().FirstOrDefault();
}
