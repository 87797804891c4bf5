using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Mosaic.Platform.Security;

namespace Mosaic.Gateway.Tests.Support;

/// <summary>Stands in for identity's signing key: a JWKS to publish and ES256 access tokens signed with it.</summary>
internal static class TestTokens
{
    private static readonly JsonWebTokenHandler Handler = new();
    private static readonly ECDsaSecurityKey Key = NewKey("test-key");
    private static readonly ECDsaSecurityKey Stranger = NewKey("unknown-key");

    public static string Jwks { get; } = JsonSerializer.Serialize(new
    {
        keys = new[] { Describe(Key) },
    });

    public static string For(string userId, string role = AccessTokens.CustomerRole, DateTime? expires = null) =>
        Mint(Key, userId, role, expires ?? DateTime.UtcNow.AddMinutes(15));

    /// <summary>A well-formed token signed with a key identity never published.</summary>
    public static string SignedByStranger(string userId) => Mint(Stranger, userId, AccessTokens.CustomerRole, DateTime.UtcNow.AddMinutes(15));

    private static string Mint(ECDsaSecurityKey key, string userId, string role, DateTime expires) =>
        Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = AccessTokens.Issuer,
            Audience = AccessTokens.Audience,
            Subject = new ClaimsIdentity([new Claim("sub", userId), new Claim(AccessTokens.RoleClaim, role)]),
            NotBefore = expires.AddHours(-1),
            IssuedAt = expires.AddHours(-1),
            Expires = expires,
            SigningCredentials = new SigningCredentials(key, AccessTokens.Algorithm),
        });

    private static ECDsaSecurityKey NewKey(string id) => new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = id };

    private static object Describe(ECDsaSecurityKey key)
    {
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(key);
        return new { kty = jwk.Kty, crv = jwk.Crv, x = jwk.X, y = jwk.Y, kid = key.KeyId, alg = AccessTokens.Algorithm, use = "sig" };
    }
}
