namespace Mosaic.Platform.Security;

/// <summary>A JSON Web Key Set as identity publishes it (public EC keys only).</summary>
public sealed record JwksDocument(IReadOnlyList<JwksKey> Keys);

public sealed record JwksKey(string Kty, string Crv, string X, string Y, string Kid, string Alg, string Use);
