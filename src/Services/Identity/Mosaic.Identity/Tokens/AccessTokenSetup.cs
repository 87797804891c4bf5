namespace Mosaic.Identity.Tokens;

public static class AccessTokenSetup
{
    public static WebApplicationBuilder AddAccessTokens(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AccessTokenOptions>()
            .Bind(builder.Configuration.GetSection(AccessTokenOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<AccessTokenIssuer>();
        return builder;
    }
}
