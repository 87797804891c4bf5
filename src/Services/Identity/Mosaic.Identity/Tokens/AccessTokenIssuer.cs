using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Mosaic.Identity.Contracts;
using Mosaic.Identity.Domain;
using Mosaic.Identity.Keys;
using Mosaic.Platform.Security;

namespace Mosaic.Identity.Tokens;

/// <summary>Makes the ES256 access tokens every service accepts (see <see cref="AccessTokens"/>).</summary>
public sealed class AccessTokenIssuer(SigningKey key, IOptionsMonitor<AccessTokenOptions> options, TimeProvider clock)
{
    private static readonly JsonWebTokenHandler Tokens = new() { SetDefaultTimesOnTokenCreation = false };

    public AccessTokenResponse Issue(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var lifetime = options.CurrentValue.Lifetime;
        var now = clock.GetUtcNow().UtcDateTime;
        var token = Tokens.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = AccessTokens.Issuer,
            Audience = AccessTokens.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = key.Credentials,
            Claims = new Dictionary<string, object>
            {
                [JwtRegisteredClaimNames.Sub] = user.Id.ToString(),
                [JwtRegisteredClaimNames.Email] = user.Email,
                [JwtRegisteredClaimNames.Name] = user.DisplayName,
                [AccessTokens.RoleClaim] = user.Role,
                [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
            },
        });
        return new AccessTokenResponse(token, AccessTokenResponse.BearerTokenType, (int)lifetime.TotalSeconds);
    }
}
