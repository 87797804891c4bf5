using System.CommandLine;
using System.Text.RegularExpressions;

namespace Mosaic.Cli.CommandLine;

/// <summary>Options several commands take, defined once so they read and check the same everywhere.</summary>
public static partial class SharedOptions
{
    public const string DefaultEnvironment = "dev";

    public static Option<string> Environment()
    {
        var option = new Option<string>("--environment", "-e")
        {
            Description = "The environment to act on; its data, keys and logs live under .mosaic/ENVIRONMENT.",
            DefaultValueFactory = _ => DefaultEnvironment,
            HelpName = "name",
        };
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (value is null || !IsEnvironmentName(value))
                result.AddError($"'{value}' is not an environment name: use lower-case letters, digits and '-', starting with a letter (for example dev).");
        });
        return option;
    }

    public static bool IsEnvironmentName(string value) => EnvironmentName().IsMatch(value);

    // The same rule the services apply to Mosaic:Environment.
    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex EnvironmentName();
}
