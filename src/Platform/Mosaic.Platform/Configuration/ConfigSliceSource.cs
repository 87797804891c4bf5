using Microsoft.Extensions.Configuration;

namespace Mosaic.Platform.Configuration;

/// <summary>Adds the slice at <c>Mosaic:ConfigSlice</c> to a service's configuration (see <see cref="ConfigSliceProvider"/>).</summary>
internal sealed class ConfigSliceSource(string path) : IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => new ConfigSliceProvider(path);
}
