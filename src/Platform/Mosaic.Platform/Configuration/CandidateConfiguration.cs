using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Primitives;

namespace Mosaic.Platform.Configuration;

/// <summary>
/// The service's configuration as it would read with a new slice in place of the current one: every
/// other source in its place and precedence, nothing of it reloaded or changed. A new slice is
/// checked through this view, so no reader ever sees values that have not passed.
/// </summary>
internal static class CandidateConfiguration
{
    public static ConfigurationRoot With(IConfigurationRoot live, ConfigSliceProvider slice, IDictionary<string, string?> candidate) =>
        new(live.Providers
            .Select(provider => ReferenceEquals(provider, slice)
                ? new MemoryConfigurationProvider(new MemoryConfigurationSource { InitialData = candidate })
                : (IConfigurationProvider)new BorrowedProvider(provider))
            .ToList());

    /// <summary>Reads through to a live provider; loading, writing and disposing the view leave it alone.</summary>
    private sealed class BorrowedProvider(IConfigurationProvider live) : IConfigurationProvider
    {
        private static readonly IChangeToken NeverChanges = new CancellationChangeToken(CancellationToken.None);

        public bool TryGet(string key, out string? value) => live.TryGet(key, out value);

        public void Set(string key, string? value)
        {
            // The view is read-only: a write belongs to the live configuration.
        }

        public IChangeToken GetReloadToken() => NeverChanges;

        public void Load()
        {
            // Already loaded: it is the live provider's data.
        }

        public IEnumerable<string> GetChildKeys(IEnumerable<string> earlierKeys, string? parentPath) => live.GetChildKeys(earlierKeys, parentPath);
    }
}
