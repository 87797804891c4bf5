using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mosaic.Platform.Security;

public static class AuthenticationSetup
{
    /// <summary>
    /// Accepts identity's access tokens on this service's endpoints. Endpoints opt in with
    /// <c>RequireAuthorization()</c>, or <c>RequireAuthorization(AccessTokens.AdminPolicy)</c> for admins only.
    /// </summary>
    public static WebApplicationBuilder AddMosaicAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<ISigningKeySource, JwksSigningKeySource>();
        builder.Services
            .AddAuthentication(BearerTokenHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, _ => { });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AccessTokens.AdminPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(AccessTokens.AdminRole));
        return builder;
    }
}
