using Microsoft.IdentityModel.Tokens;
using Mosaic.Platform.Security;

namespace Mosaic.Identity.Keys;

/// <summary>identity checks the tokens it issued with its own key, instead of fetching its own JWKS over HTTP.</summary>
internal sealed class LocalSigningKeySource(SigningKey key) : ISigningKeySource
{
    private readonly IReadOnlyCollection<SecurityKey> keys = [key.VerificationKey];

    public ValueTask<IReadOnlyCollection<SecurityKey>> GetKeysAsync(CancellationToken cancellationToken) => ValueTask.FromResult(keys);

    /// <summary>There is nothing to fetch: a key id other than ours was never issued here.</summary>
    public ValueTask<bool> RefreshAsync(CancellationToken cancellationToken) => ValueTask.FromResult(false);
}
