using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Mosaic.Platform.Configuration;

public static class SettingsSetup
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> from <paramref name="section"/>, validated when the
    /// service starts and on every reload, and declares it: the declaration is what the service's
    /// exported configuration schema describes, and all the configuration it may be given.
    /// Read it through <c>IOptionsMonitor</c> where a changed value should apply without a restart.
    /// </summary>
    public static WebApplicationBuilder AddSettings<TOptions>(this WebApplicationBuilder builder, string section)
        where TOptions : class
    {
        builder.Services.AddSettings<TOptions>(builder.Configuration, section);
        return builder;
    }

    /// <inheritdoc cref="AddSettings{TOptions}(WebApplicationBuilder, string)"/>
    public static IServiceCollection AddSettings<TOptions>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
    {
        services.AddOptions<TOptions>()
            .Bind(configuration.GetSection(section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(new SettingsDeclaration(section, typeof(TOptions)));
        return services;
    }

    /// <summary>
    /// Reads the slice at <c>Mosaic:ConfigSlice</c>, when set, above appsettings files and below
    /// environment variables and the command line; and checks every declared setting when the
    /// service's container is built (see <see cref="SettingsCheckingProviderFactory"/>).
    /// </summary>
    internal static void AddConfigSlice(WebApplicationBuilder builder, string service)
    {
        if (builder.Configuration[ConfigSliceKey] is { Length: > 0 } path)
        {
            IConfigurationBuilder configuration = builder.Configuration;
            // Below the unprefixed environment variables and the command line that follow them; above appsettings files,
            // user secrets and the ASPNETCORE_/DOTNET_ variables the host reads first.
            var at = configuration.Sources.ToList().FindLastIndex(s => s is EnvironmentVariablesConfigurationSource { Prefix: null or "" });
            configuration.Sources.Insert(at < 0 ? configuration.Sources.Count : at, new ConfigSliceSource(path));
        }
        InvalidSettingsException.ExitQuietlyWhenUncaught();
        builder.Host.UseServiceProviderFactory(new SettingsCheckingProviderFactory(builder.Configuration, service, builder.Environment.IsDevelopment()));
        builder.Services.AddSingleton<Management.IInfoContributor>(new ConfigVersionInfo(builder.Configuration));
    }

    public const string ConfigSliceKey = "Mosaic:ConfigSlice";
    public const string ExportSchemaKey = "Mosaic:ExportConfigSchema";
}
