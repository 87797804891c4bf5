using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
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
        builder.Services.TryAddSingleton(services => new ValidatedTokenCache(services.GetService<TimeProvider>() ?? TimeProvider.System));
        // Authentication pulls in Data Protection, which bearer tokens never use: keep its keys in
        // memory instead of writing them to ~/.aspnet and warning that they are unencrypted.
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        builder.Services
            .AddAuthentication(BearerTokenHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, _ => { });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AccessTokens.AdminPolicy, policy => policy.RequireAuthenticatedUser().RequireRole(AccessTokens.AdminRole));
        return builder;
    }
}
