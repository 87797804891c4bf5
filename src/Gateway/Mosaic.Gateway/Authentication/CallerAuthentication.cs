using Microsoft.AspNetCore.Authentication;
using Mosaic.Platform.Security;

namespace Mosaic.Gateway.Authentication;

/// <summary>
/// Checks the caller's bearer token with the platform's handler (identity's JWKS, cached and
/// refreshed on an unknown key id). The gateway only asks when the operation is not open to
/// anonymous callers; the token itself travels on unchanged and each service checks it again.
/// </summary>
internal static class CallerAuthentication
{
    public const string SubjectClaim = "sub";

    public static async Task<TokenCheck> CheckAsync(HttpContext context)
    {
        if (context.Request.Headers.Authorization.Count == 0) return TokenCheck.Missing;
        var result = await context.AuthenticateAsync();
        if (result.Failure is SigningKeysUnavailableException) return TokenCheck.Uncheckable;
        if (!result.Succeeded) return TokenCheck.Invalid;
        context.User = result.Principal;
        return TokenCheck.Valid;
    }

    /// <summary>The user id of an authenticated caller, else null.</summary>
    public static string? Subject(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true ? context.User.FindFirst(SubjectClaim)?.Value : null;
}

internal enum TokenCheck
{
    Missing,
    Invalid,
    Valid,

    /// <summary>identity's keys cannot be had, so no token can be judged either way.</summary>
    Uncheckable,
}
