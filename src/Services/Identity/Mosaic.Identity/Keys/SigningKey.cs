using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using Mosaic.Platform.Security;

namespace Mosaic.Identity.Keys;

/// <summary>
/// identity's ES256 (ECDSA P-256) key pair. Its key id is the RFC 7638 thumbprint of the public
/// key, so the same key always has the same id, on every instance and after every restart.
/// </summary>
public sealed class SigningKey : IDisposable
{
    private readonly ECDsa privateKey;
    private readonly ECDsa publicKey;

    public SigningKey(ECDsa privateKey)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        var parameters = privateKey.ExportParameters(includePrivateParameters: false);
        if (parameters.Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
            throw new ArgumentException("ES256 needs a key on the P-256 curve.", nameof(privateKey));

        this.privateKey = privateKey;
        publicKey = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = parameters.Q });
        var x = Base64Url.EncodeToString(parameters.Q.X);
        var y = Base64Url.EncodeToString(parameters.Q.Y);
        KeyId = Thumbprint(x, y);
        PublicJwk = new JwksKey(Kty: "EC", Crv: "P-256", X: x, Y: y, Kid: KeyId, Alg: AccessTokens.Algorithm, Use: "sig");
        Credentials = new SigningCredentials(new ECDsaSecurityKey(privateKey) { KeyId = KeyId }, SecurityAlgorithms.EcdsaSha256);
        VerificationKey = new ECDsaSecurityKey(publicKey) { KeyId = KeyId };
    }

    public string KeyId { get; }

    /// <summary>The public half, as published in the JWKS.</summary>
    public JwksKey PublicJwk { get; }

    public SigningCredentials Credentials { get; }

    /// <summary>The public half, for checking tokens.</summary>
    public SecurityKey VerificationKey { get; }

    public void Dispose()
    {
        privateKey.Dispose();
        publicKey.Dispose();
    }

    /// <summary>RFC 7638: SHA-256 over the required members in lexicographic order, no whitespace.</summary>
    private static string Thumbprint(string x, string y) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes($$"""{"crv":"P-256","kty":"EC","x":"{{x}}","y":"{{y}}"}""")));
}
