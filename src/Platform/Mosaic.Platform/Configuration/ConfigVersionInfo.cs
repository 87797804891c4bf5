using Microsoft.Extensions.Configuration;
using Mosaic.Platform.Management;

namespace Mosaic.Platform.Configuration;

/// <summary><c>/info</c>'s <c>configVersion</c>: the slice version in force, which <c>mosaic env drift</c> compares with the repository's.</summary>
internal sealed class ConfigVersionInfo(IConfiguration configuration) : IInfoContributor
{
    public void Contribute(IDictionary<string, object?> info) =>
        info["configVersion"] = ((IConfigurationRoot)configuration).Providers.OfType<ConfigSliceProvider>().FirstOrDefault()?.Current?.Version;
}
