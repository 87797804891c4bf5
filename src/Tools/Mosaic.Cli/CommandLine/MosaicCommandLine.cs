using System.CommandLine;
using System.CommandLine.Help;
using Mosaic.Cli.Commands.Admin;
using Mosaic.Cli.Commands.Bus;
using Mosaic.Cli.Commands.Chaos;
using Mosaic.Cli.Commands.Demo;
using Mosaic.Cli.Commands.Down;
using Mosaic.Cli.Commands.Env;
using Mosaic.Cli.Commands.Pki;
using Mosaic.Cli.Commands.Policy;
using Mosaic.Cli.Commands.Load;
using Mosaic.Cli.Commands.Servers;
using Mosaic.Cli.Commands.Status;
using Mosaic.Cli.Commands.Up;
using Mosaic.Platform.Manifest;

namespace Mosaic.Cli.CommandLine;

/// <summary>The <c>mosaic</c> command line: its commands, and how parse errors and failures turn into exit codes.</summary>
public static class MosaicCommandLine
{
    public static RootCommand Create(CliContext context)
    {
        var root = new RootCommand("Run, inspect and exercise the Mosaic shop on this machine.");
        root.Subcommands.Add(UpCommand.Create(context));
        root.Subcommands.Add(StatusCommand.Create(context));
        root.Subcommands.Add(DownCommand.Create(context));
        root.Subcommands.Add(DemoCommand.Create(context));
        root.Subcommands.Add(AdminCommand.Create(context));
        root.Subcommands.Add(BusCommand.Create(context));
        root.Subcommands.Add(ServersCommand.Create(context));
        root.Subcommands.Add(EnvCommand.Create(context));
        root.Subcommands.Add(PkiCommand.Create(context));
        root.Subcommands.Add(PolicyCommand.Create(context));
        root.Subcommands.Add(LoadCommand.Create(context));
        root.Subcommands.Add(ChaosCommand.Create(context));
        // `mosaic` alone is a usage error that shows the commands, without a parse error above them.
        root.SetAction(parse =>
        {
            new HelpAction().Invoke(parse);
            return ExitCodes.Usage;
        });
        return root;
    }

    /// <summary>
    /// Parses and runs. A wrong command line prints System.CommandLine's message and usage and exits 2;
    /// a <see cref="CliException"/> or <see cref="ManifestException"/> prints its one sentence and exits 1.
    /// Anything else is a bug and propagates to the caller's last-resort handler.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, CliContext context, TextWriter? output = null, TextWriter? error = null)
    {
        var parseResult = Create(context).Parse(args);
        var invocation = new InvocationConfiguration
        {
            EnableDefaultExceptionHandler = false,
            // `up` handles SIGINT and SIGTERM itself: it must stop its services in order, not be cut off.
            ProcessTerminationTimeout = null,
        };
        if (output is not null) invocation.Output = output;
        if (error is not null) invocation.Error = error;

        if (parseResult.Errors.Count > 0)
        {
            await parseResult.InvokeAsync(invocation);
            return ExitCodes.Usage;
        }
        try
        {
            return await parseResult.InvokeAsync(invocation);
        }
        catch (Exception e) when (e is CliException or ManifestException)
        {
            context.Output.Failure(e.Message);
            return ExitCodes.Failure;
        }
    }
}
