using System.CommandLine;
using System.Diagnostics;
using Mosaic.Cli.Build;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Profiles;
using Mosaic.Cli.Servers;
using Mosaic.Cli.Supervisor;
using Mosaic.Cli.Terminal;
using Mosaic.Cli.Workspace;

namespace Mosaic.Cli.Commands.Admin;

/// <summary>
/// <c>mosaic admin create EMAIL</c>: makes an admin account by running identity's own tool mode
/// against the environment's database, so the rules for accounts live in identity alone.
/// </summary>
public static class AdminCommand
{
    public const string IdentityService = "identity";

    public static Command Create(CliContext context)
    {
        var email = new Argument<string>("email") { Description = "The admin's email; an existing account with it becomes an admin." };
        var password = new Option<string?>("--password") { Description = "The password; when left out, identity generates one and prints it once.", HelpName = "password" };
        var displayName = new Option<string?>("--display-name") { Description = "The name shown for the account.", HelpName = "name" };
        var environment = SharedOptions.Environment();
        var profile = new Option<string?>("--profile")
        {
            Description = "Whose identity database: embedded (SQLite) or production (PostgreSQL); by default the running up's, else embedded.",
            HelpName = "name",
        };
        profile.AcceptOnlyFromAmong(RunProfile.Embedded, RunProfile.Production);
        var create = new Command("create", "Create an admin account (or make an existing account an admin).")
        {
            email,
            password,
            displayName,
            environment,
            profile,
        };
        create.SetAction((parse, cancellationToken) =>
        {
            var workspace = context.Workspace(parse.GetValue(environment)!);
            var chosen = parse.GetValue(profile)
                ?? (RunFile.Read(workspace.RunFilePath) is { Up.IsAlive: true } running ? running.Profile : RunProfile.Embedded);
            return RunAsync(
                workspace,
                context.Output,
                ["admin", "create", parse.GetValue(email)!, .. Optional("--password", parse.GetValue(password)), .. Optional("--display-name", parse.GetValue(displayName))],
                cancellationToken,
                chosen == RunProfile.Production ? ProductionProfile.Plan(workspace, context.EnvironmentVariable, ServerSoftware.Detect()) : null);
        });

        return new Command("admin", "Administer accounts.") { create };
    }

    /// <summary>
    /// Makes an admin account with a known password for a tool of this command (load, chaos), quietly:
    /// identity's own output is shown only if it fails. Uses the running up's profile.
    /// </summary>
    public static async Task CreateQuietlyAsync(MosaicWorkspace workspace, CliContext context, string email, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(context);
        var running = RunFile.Read(workspace.RunFilePath);
        var production = running is { Up.IsAlive: true } && running.Profile == RunProfile.Production
            ? ProductionProfile.Plan(workspace, context.EnvironmentVariable, ServerSoftware.Detect())
            : null;
        var exitCode = await RunAsync(workspace, context.Output, ["admin", "create", email, "--password", password], cancellationToken, production, quiet: true);
        if (exitCode != ExitCodes.Success)
            throw new CliException($"Creating the admin account {email} failed (identity's admin tool exited with {exitCode}): is the environment '{workspace.Environment}' the one running?");
    }

    /// <param name="production">Runs the tool on identity's PostgreSQL database (starting the private server for the while if needed); null: its SQLite file.</param>
    /// <param name="quiet">Identity's output is kept, and printed only when the tool fails.</param>
    public static async Task<int> RunAsync(
        MosaicWorkspace workspace, ConsoleOutput output, IReadOnlyList<string> toolArguments, CancellationToken cancellationToken, ProductionProfile? production = null, bool quiet = false)
    {
        try
        {
            return await RunToolAsync(workspace, output, toolArguments, production, quiet, cancellationToken);
        }
        finally
        {
            if (production is not null) await production.StopStartedAsync(output);
        }
    }

    private static async Task<int> RunToolAsync(
        MosaicWorkspace workspace, ConsoleOutput output, IReadOnlyList<string> toolArguments, ProductionProfile? production, bool quiet, CancellationToken cancellationToken)
    {
        var manifest = workspace.LoadManifest();
        var identity = manifest.GetService(IdentityService);
        var assembly = workspace.AssemblyPath(identity);
        if (!File.Exists(assembly))
        {
            output.Line($"Building {identity.Name} first (Release)...");
            var result = await new ServiceBuilder(workspace).BuildAsync([identity], cancellationToken);
            if (!result.Succeeded)
            {
                foreach (var error in result.Errors) output.Line(error);
                throw new CliException($"Building {identity.Name} failed: fix the errors above and try again (full output: {workspace.Display(result.LogPath)}).");
            }
        }

        // Identity prints its own sentence (and a generated password); its output and exit code are the command's.
        var info = new ProcessStartInfo(DotnetHost.Path) { UseShellExecute = false, WorkingDirectory = workspace.Root, RedirectStandardOutput = quiet, RedirectStandardError = quiet };
        info.ArgumentList.Add(assembly);
        foreach (var argument in toolArguments) info.ArgumentList.Add(argument);
        ServiceEnvironment.WithoutEnvironmentKeys(info.Environment);
        foreach (var (name, value) in ServiceEnvironment.For(workspace)) info.Environment[name] = value;
        if (production is not null)
        {
            var variables = await production.StartAsync(manifest, output, _ => { }, cancellationToken);
            foreach (var (name, value) in variables(identity)) info.Environment[name] = value;
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var said = quiet ? Task.WhenAll(process.StandardOutput.ReadToEndAsync(cancellationToken), process.StandardError.ReadToEndAsync(cancellationToken)) : Task.FromResult(Array.Empty<string>());
        await process.WaitForExitAsync(cancellationToken);
        var text = string.Concat(await said).Trim();
        if (quiet && process.ExitCode != 0 && text.Length > 0) output.Line(text);
        return process.ExitCode;
    }

    private static string[] Optional(string name, string? value) => value is null ? [] : [name, value];
}
