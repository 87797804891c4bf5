using System.CommandLine;
using Mosaic.Cli.Supervisor;
using Mosaic.Cli.Workspace;

namespace Mosaic.Cli.Profiles;

/// <summary>
/// What the system runs on: <c>embedded</c> (SQLite files and the embedded bus, nothing to install) or
/// <c>production</c> (PostgreSQL and RabbitMQ).
/// </summary>
public static class RunProfile
{
    public const string Embedded = "embedded";
    public const string Production = "production";

    /// <summary>
    /// For commands that act on what runs (or ran) rather than start it: the profile <paramref name="asked"/>
    /// for, else the one the environment's running up uses, else embedded.
    /// </summary>
    public static string Current(MosaicWorkspace workspace, string? asked)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        return asked ?? (RunFile.Read(workspace.RunFilePath) is { Up.IsAlive: true } running ? running.Profile : Embedded);
    }

    public static Option<string> Option()
    {
        var option = new Option<string>("--profile")
        {
            Description = "embedded: SQLite files and the embedded bus; production: PostgreSQL and RabbitMQ (private local servers unless MOSAIC_POSTGRES_ADMIN / MOSAIC_RABBITMQ_ADMIN name others).",
            DefaultValueFactory = _ => Embedded,
            HelpName = "name",
        };
        option.AcceptOnlyFromAmong(Embedded, Production);
        return option;
    }
}
