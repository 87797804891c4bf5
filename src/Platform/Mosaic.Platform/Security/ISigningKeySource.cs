using Microsoft.IdentityModel.Tokens;

namespace Mosaic.Platform.Security;

/// <summary>The public keys access tokens may be signed with.</summary>
public interface ISigningKeySource
{
    ValueTask<IReadOnlyCollection<SecurityKey>> GetKeysAsync(CancellationToken cancellationToken);

    /// <summary>Fetches the keys again (a token named a key id we do not know); false if nothing new could be had.</summary>
    ValueTask<bool> RefreshAsync(CancellationToken cancellationToken);
}
