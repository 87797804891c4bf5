namespace Mosaic.Identity.Contracts;

/// <summary>A signed access token; send it as <c>Authorization: Bearer ACCESS_TOKEN</c>.</summary>
/// <param name="TokenType">Always <c>Bearer</c>.</param>
/// <param name="ExpiresIn">Seconds until the token stops being accepted.</param>
public sealed record AccessTokenResponse(string AccessToken, string TokenType, int ExpiresIn)
{
    public const string BearerTokenType = "Bearer";
}
