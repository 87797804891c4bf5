using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Mosaic.Platform.Security;

namespace Mosaic.Orders.Tests.Support;

/// <summary>Mints ES256 access tokens the way identity does, with a P-256 key the test owns.</summary>
public sealed class TokenIssuer : IDisposable
{
    public const string TrustedKeyId = "test-trusted";

    private static readonly JsonWebTokenHandler Handler = new();

    public ECDsa Key { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>A token for the customer with this user id.</summary>
    public string Customer(Guid userId) => Mint(AccessTokens.CustomerRole, userId.ToString());

    public string Mint(string role, string subject) =>
        Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = AccessTokens.Issuer,
            Audience = AccessTokens.Audience,
            Subject = new ClaimsIdentity(
            [
                new Claim(JwtRegisteredClaimNames.Sub, subject),
                new Claim(AccessTokens.RoleClaim, role),
            ]),
            Expires = DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(Key) { KeyId = TrustedKeyId }, SecurityAlgorithms.EcdsaSha256),
        });

    public void Dispose() => Key.Dispose();
}
