using Microsoft.Extensions.Options;
using Mosaic.Platform.Hosting;
using Mosaic.Platform.Security;

namespace Mosaic.Identity.Keys;

public static class SigningKeySetup
{
    /// <summary>
    /// The signing key from the environment's state folder, and the key source that checks tokens
    /// against it. Call before <c>AddMosaicAuthentication()</c>, whose default key source would
    /// otherwise fetch identity's keys from identity over HTTP.
    /// </summary>
    public static WebApplicationBuilder AddSigningKey(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(services => SigningKeyStore.LoadOrCreate(
            Path.Combine(services.GetRequiredService<IOptions<MosaicOptions>>().Value.StateDirectory, "keys")));
        builder.Services.AddSingleton<ISigningKeySource, LocalSigningKeySource>();
        builder.Services.AddHostedService<SigningKeyLoader>();
        return builder;
    }
}
