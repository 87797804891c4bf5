using Microsoft.Extensions.DependencyInjection.Extensions;
using Mosaic.Identity.Passwords;

namespace Mosaic.Identity.Accounts;

public static class AccountSetup
{
    /// <summary>Accounts and password hashing; the database is registered separately (the web host and the admin command each do it their way).</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RegistrationOptions>()
            .Bind(configuration.GetSection(RegistrationOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<PasswordHasher>();
        services.AddSingleton<HashingGate>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<UserAccounts>();
        return services;
    }
}
