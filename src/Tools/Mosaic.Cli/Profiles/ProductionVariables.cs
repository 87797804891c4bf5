using Mosaic.Platform.Data;
using Mosaic.Platform.Manifest;
using Mosaic.Platform.Messaging;

namespace Mosaic.Cli.Profiles;

/// <summary>The settings a service process gets under the production profile, on top of its usual ones.</summary>
public static class ProductionVariables
{
    public const string RabbitMqTransport = "rabbitmq";

    /// <param name="connectionString">The service's own database and role; ignored for a service that keeps no data.</param>
    /// <param name="rabbitMq">
    /// The broker URI the service connects with (its own user), or null for a service the policy lets neither
    /// publish nor consume: it gets no broker user, so a service that uses messaging anyway fails at start, saying the URI is missing.
    /// </param>
    public static Dictionary<string, string> For(ServiceManifest service, Func<string, string> connectionString, Func<string, Uri?> rabbitMq)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Key(MessagingOptions.Section, nameof(MessagingOptions.Transport))] = RabbitMqTransport,
        };
        if (rabbitMq(service.Name) is { } broker) variables[Key(MessagingOptions.Section, "RabbitMq", "Uri")] = broker.AbsoluteUri;
        // The administrators' credentials that reached mosaic stop here: a service gets only its own.
        variables[ProductionProfile.PostgresAdminVariable] = "";
        variables[ProductionProfile.RabbitMqAdminVariable] = "";
        if (service.Database)
        {
            variables[Key(DatabaseOptions.Section, nameof(DatabaseOptions.Provider))] = DatabaseOptions.PostgreSql;
            // Underscores for dashes: the variable passes through /bin/sh, which drops names with a dash
            // (the platform reads ConnectionStrings:payment_provider for payment-provider).
            variables[Key("ConnectionStrings", service.Name.Replace('-', '_'))] = connectionString(service.Name);
        }
        return variables;
    }

    /// <summary>A configuration key as an environment variable: sections joined by a double underscore.</summary>
    private static string Key(params string[] parts) => string.Join("__", parts.SelectMany(p => p.Split(':')));
}
