using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Mosaic.Platform.Security;

namespace Mosaic.Tests.Shared;

/// <summary>Stands in for identity's JWKS: the service under test trusts exactly the public half of a key this test owns.</summary>
public sealed class TestSigningKeys(ECDsa trusted) : ISigningKeySource
{
    private readonly IReadOnlyCollection<SecurityKey> keys =
        [new ECDsaSecurityKey(ECDsa.Create(trusted.ExportParameters(includePrivateParameters: false))) { KeyId = TokenIssuer.TrustedKeyId }];

    public ValueTask<IReadOnlyCollection<SecurityKey>> GetKeysAsync(CancellationToken cancellationToken) => ValueTask.FromResult(keys);

    public ValueTask<bool> RefreshAsync(CancellationToken cancellationToken) => ValueTask.FromResult(false);
}
