using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Mosaic.Identity.Tests.Support;

/// <summary>The identity service in-process, on its own state (signing key, and its SQLite file or PostgreSQL database).</summary>
public sealed class IdentityApp(IdentityState state, IReadOnlyDictionary<string, string>? settings = null, LogCapture? logs = null)
    : WebApplicationFactory<Program>
{
    public const string ConfiguredAdmin = "Boss@Example.com";

    public string StateDirectory { get; } = state.Path;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // As `mosaic up` runs it: in Development, ASP.NET Core's developer exception page would answer
        // binding errors before the platform's problem handler does.
        builder.UseEnvironment("Production");
        builder.UseSetting("Mosaic:StateDirectory", StateDirectory);
        builder.UseSetting("Identity:AdminEmails:0", ConfiguredAdmin);
        foreach (var (key, value) in state.Database.Settings) builder.UseSetting(key, value);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
        if (logs is not null)
            builder.ConfigureLogging(logging =>
            {
                logging.ClearProviders();
                logging.AddProvider(logs);
            });
    }
}
