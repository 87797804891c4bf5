using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Mosaic.Platform.Security;

namespace Mosaic.Payments.Tests.Support;

/// <summary>Mints ES256 access tokens the way identity does, with a P-256 key the test owns.</summary>
public sealed class TokenIssuer : IDisposable
{
    public const string TrustedKeyId = "test-trusted";

    private static readonly JsonWebTokenHandler Handler = new();

    public ECDsa Key { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public string Admin() => Mint(AccessTokens.AdminRole);

    public string Customer() => Mint(AccessTokens.CustomerRole);

    public string Mint(string role, ECDsa? signWith = null, string keyId = TrustedKeyId) =>
        Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = AccessTokens.Issuer,
            Audience = AccessTokens.Audience,
            Subject = new ClaimsIdentity(
            [
                new Claim(JwtRegisteredClaimNames.Sub, Guid.NewGuid().ToString()),
                new Claim(AccessTokens.RoleClaim, role),
            ]),
            Expires = DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(signWith ?? Key) { KeyId = keyId }, SecurityAlgorithms.EcdsaSha256),
        });

    public void Dispose() => Key.Dispose();
}
