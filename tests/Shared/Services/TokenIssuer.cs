using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Mosaic.Platform.Security;

namespace Mosaic.Tests.Shared;

/// <summary>Mints ES256 access tokens the way identity does, with a P-256 key the test owns.</summary>
public sealed class TokenIssuer : IDisposable
{
    public const string TrustedKeyId = "test-trusted";

    private static readonly JsonWebTokenHandler Handler = new();

    public ECDsa Key { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>A token for an admin nobody else is.</summary>
    public string Admin() => Mint(AccessTokens.AdminRole);

    /// <summary>A token for a customer nobody else is.</summary>
    public string Customer() => Mint(AccessTokens.CustomerRole);

    /// <summary>A token for the customer with this user id.</summary>
    public string Customer(Guid userId) => Mint(AccessTokens.CustomerRole, userId.ToString());

    /// <summary>
    /// A token with this role for <paramref name="subject"/> (a new user when null), signed with the trusted key
    /// unless <paramref name="signWith"/> or <paramref name="keyId"/> say otherwise, to forge one.
    /// </summary>
    public string Mint(string role, string? subject = null, ECDsa? signWith = null, string keyId = TrustedKeyId) =>
        Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = AccessTokens.Issuer,
            Audience = AccessTokens.Audience,
            Subject = new ClaimsIdentity(
            [
                new Claim(JwtRegisteredClaimNames.Sub, subject ?? Guid.NewGuid().ToString()),
                new Claim(AccessTokens.RoleClaim, role),
            ]),
            Expires = DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(signWith ?? Key) { KeyId = keyId }, SecurityAlgorithms.EcdsaSha256),
        });

    public void Dispose() => Key.Dispose();
}
