using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Mosaic.Platform.Security;

/// <summary>
/// Validates <c>Authorization: Bearer</c> ES256 tokens against identity's keys: signature, issuer,
/// audience, lifetime. A token signed with a key id we have not seen makes us fetch the keys once
/// more before rejecting it, so identity can rotate keys without a restart here.
/// </summary>
internal sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ISigningKeySource keys,
    ValidatedTokenCache validated) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "Bearer";

    private static readonly JsonWebTokenHandler Tokens = new() { MapInboundClaims = false };
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        var token = header["Bearer ".Length..].Trim();

        var signingKeys = await keys.GetKeysAsync(Context.RequestAborted);
        if (signingKeys.Count == 0) return AuthenticateResult.Fail(new SigningKeysUnavailableException());
        var identity = validated.Find(token, signingKeys);
        if (identity is null)
        {
            var result = await ValidateAsync(token, signingKeys);
            if (result.Exception is SecurityTokenSignatureKeyNotFoundException && await keys.RefreshAsync(Context.RequestAborted))
            {
                signingKeys = await keys.GetKeysAsync(Context.RequestAborted);
                result = await ValidateAsync(token, signingKeys);
            }
            if (!result.IsValid)
                return AuthenticateResult.Fail("The access token is not valid.");
            identity = result.ClaimsIdentity;
            validated.Add(token, identity, signingKeys, result.SecurityToken.ValidTo, ClockSkew);
        }
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    internal static Task<TokenValidationResult> ValidateAsync(string token, IReadOnlyCollection<SecurityKey> signingKeys) =>
        Tokens.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = AccessTokens.Issuer,
            ValidAudience = AccessTokens.Audience,
            ValidAlgorithms = [AccessTokens.Algorithm],
            IssuerSigningKeys = signingKeys,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = ClockSkew,
            NameClaimType = JwtRegisteredClaimNames.Sub,
            RoleClaimType = AccessTokens.RoleClaim,
            AuthenticationType = SchemeName,
        });

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        if (result.Failure is SigningKeysUnavailableException)
        {
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            Response.Headers.RetryAfter = SigningKeysUnavailableException.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return;
        }
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}
