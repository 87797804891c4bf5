using Mosaic.Platform.Configuration;
namespace Mosaic.Identity.Tokens;

public static class AccessTokenSetup
{
    public static WebApplicationBuilder AddAccessTokens(this WebApplicationBuilder builder)
    {
        builder.AddSettings<AccessTokenOptions>(AccessTokenOptions.Section);
        builder.Services.AddSingleton<AccessTokenIssuer>();
        return builder;
    }
}
