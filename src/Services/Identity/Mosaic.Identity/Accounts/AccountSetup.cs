using Mosaic.Platform.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Mosaic.Identity.Passwords;

namespace Mosaic.Identity.Accounts;

public static class AccountSetup
{
    /// <summary>Accounts and password hashing; the database is registered separately (the web host and the admin command each do it their way).</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<RegistrationOptions>(configuration, RegistrationOptions.Section);
        services.AddSingleton<PasswordHasher>();
        services.AddSingleton<HashingGate>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<UserAccounts>();
        return services;
    }
}
