using System.CommandLine;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Profiles;
using Mosaic.Cli.Servers;
using Mosaic.Cli.Workspace;
using Mosaic.Platform.Messaging;
using Mosaic.Platform.Messaging.RabbitMq;

namespace Mosaic.Cli.Commands.Bus;

/// <summary>
/// Which transport an environment's services use, and where: read the way the services get it. Under the
/// production profile that is RabbitMQ, at the broker up hands them; otherwise <c>Mosaic:Messaging</c>
/// from the environment variables <c>up</c> passes on (the embedded bus file by default).
/// </summary>
/// <param name="Broker">The broker when the transport is RabbitMQ; null for the embedded one.</param>
public sealed record BusSettings(string Transport, string EmbeddedPath, bool TransportFromEnvironment, RabbitMqBroker? Broker = null)
{
    public const string TransportVariable = "Mosaic__Messaging__Transport";
    public const string EmbeddedPathVariable = "Mosaic__Messaging__EmbeddedPath";
    public const string RabbitMqUriVariable = "Mosaic__Messaging__RabbitMq__Uri";

    public bool IsEmbedded => string.Equals(Transport, TransportFactory.Embedded, StringComparison.OrdinalIgnoreCase);

    public bool IsRabbitMq => string.Equals(Transport, TransportFactory.RabbitMq, StringComparison.OrdinalIgnoreCase);

    /// <summary>The profile whose bus this is: <c>embedded</c> or <c>production</c>.</summary>
    public string Profile { get; init; } = RunProfile.Embedded;

    /// <summary>What a suggested command needs to reach the same bus again: <c>-e ENV</c>, and the profile when it is not the default.</summary>
    public string Selector(MosaicWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        return Profile == RunProfile.Production ? $"-e {workspace.Environment} --profile {Profile}" : $"-e {workspace.Environment}";
    }

    /// <summary><c>--profile</c> for the bus commands: whose bus to look into when no up says so.</summary>
    public static Option<string?> ProfileOption()
    {
        var option = new Option<string?>("--profile")
        {
            Description = "Whose bus: embedded (the bus file) or production (RabbitMQ); by default the running up's, else embedded.",
            HelpName = "name",
        };
        option.AcceptOnlyFromAmong(RunProfile.Embedded, RunProfile.Production);
        return option;
    }

    /// <param name="profile">The profile asked for with <c>--profile</c>; null: the running up's, else embedded.</param>
    public static BusSettings For(MosaicWorkspace workspace, CliContext context, string? profile = null)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(context);
        var path = context.EnvironmentVariable(EmbeddedPathVariable);
        var embeddedPath = string.IsNullOrWhiteSpace(path) ? TransportFactory.DefaultEmbeddedPath(workspace.StateDirectory) : Path.GetFullPath(path, workspace.Root);

        if (RunProfile.Current(workspace, profile) == RunProfile.Production)
        {
            // up sets the services' transport and broker itself, whatever the variables say.
            var broker = ProductionProfile.RunningRabbitMq(workspace, context.EnvironmentVariable, ServerSoftware.Detect());
            return new BusSettings(TransportFactory.RabbitMq, embeddedPath, TransportFromEnvironment: false, broker) { Profile = RunProfile.Production };
        }

        var transport = context.EnvironmentVariable(TransportVariable);
        var settings = new BusSettings(
            string.IsNullOrWhiteSpace(transport) ? TransportFactory.Embedded : transport.Trim(), embeddedPath, !string.IsNullOrWhiteSpace(transport));
        if (settings.IsEmbedded) return settings;
        if (!settings.IsRabbitMq)
            throw new CliException(
                $"Mosaic:Messaging:Transport is '{settings.Transport}' (from {TransportVariable}), which mosaic bus does not know: the transports are {TransportFactory.Embedded} and {TransportFactory.RabbitMq}.");
        return settings with { Broker = FromVariables(context) };
    }

    /// <summary>The broker services started with <c>Mosaic__Messaging__Transport=rabbitmq</c> connect to, from the same variables.</summary>
    private static RabbitMqBroker FromVariables(CliContext context)
    {
        var options = new RabbitMqOptions { Uri = context.EnvironmentVariable(RabbitMqUriVariable) };
        // The problems name the setting, never its value (the URI holds a password).
        var problem = options.Problems().FirstOrDefault();
        if (problem is not null)
            throw new CliException(
                $"{TransportVariable} is 'rabbitmq', so mosaic bus needs the broker the services use: {problem.TrimEnd('.')} (set {RabbitMqUriVariable}), or look at the production profile's bus with --profile production.");
        return new RabbitMqBroker(new Uri(options.Uri!), $"from {RabbitMqUriVariable}");
    }
}
