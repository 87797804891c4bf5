using System.CommandLine;
using Mosaic.Cli.CommandLine;

namespace Mosaic.Cli.Commands.Env;

/// <summary>The options the <c>env</c> commands share. <c>--env</c> is <see cref="SharedOptions.Environment"/> under the name ADR 7 uses.</summary>
internal static class EnvOptions
{
    /// <summary><c>--env</c> (also <c>--environment</c>, <c>-e</c>), dev when omitted.</summary>
    public static Option<string> Environment(string description)
    {
        var option = SharedOptions.Environment();
        option.Aliases.Add("--env");
        option.Description = description;
        return option;
    }

    /// <summary><c>--env</c> that must be given: the command acts on one environment and guessing would be wrong.</summary>
    public static Option<string> RequiredEnvironment(string description)
    {
        var option = Environment(description);
        option.DefaultValueFactory = null;
        option.Required = true;
        return option;
    }

    /// <summary><c>--env</c> whose absence means every environment.</summary>
    public static Option<string> OptionalEnvironment(string description)
    {
        var option = Environment(description);
        option.DefaultValueFactory = null;
        return option;
    }

    public static Option<string> Service(string description, bool required = false) => new("--service", "-s")
    {
        Description = description,
        HelpName = "name",
        Required = required,
    };

    /// <summary>An environment given as an argument (diff and promote take two), checked like <c>--env</c>.</summary>
    public static Argument<string> EnvironmentArgument(string name, string description)
    {
        var argument = new Argument<string>(name) { Description = description };
        argument.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } value && !SharedOptions.IsEnvironmentName(value))
                result.AddError($"'{value}' is not an environment name: use lower-case letters, digits and '-', starting with a letter (for example dev).");
        });
        return argument;
    }
}
