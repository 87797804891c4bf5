namespace Mosaic.Platform.Security;

/// <summary>What every party agrees on about access tokens: who issues them, for whom, and the role names.</summary>
public static class AccessTokens
{
    public const string Issuer = "mosaic-identity";
    public const string Audience = "mosaic";
    public const string Algorithm = "ES256";
    public const string RoleClaim = "role";
    public const string AdminRole = "admin";
    public const string CustomerRole = "customer";

    /// <summary>Authorization policy that admits only admins.</summary>
    public const string AdminPolicy = "admin";

    /// <summary>The service that publishes the signing keys, and where.</summary>
    public const string IssuerService = "identity";
    public const string JwksPath = "/.well-known/jwks.json";
}
