using System.Diagnostics;
using System.Globalization;
using Mosaic.Cli.CommandLine;

namespace Mosaic.Cli.Servers;

/// <summary>What a server tool printed and how it ended.</summary>
public sealed record ToolResult(int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The last non-empty line, for a one-sentence failure message.</summary>
    public string LastLine => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "no output";
}

/// <summary>
/// One run of a server's command-line tool (initdb, pg_ctl, rabbitmqctl, epmd): its output captured,
/// bounded in time, optionally as another system user. Secrets never go on a command line, where
/// any user of the machine could read them: they travel in files or on standard input.
/// </summary>
public sealed record ServerTool(string Program, IReadOnlyList<string> Arguments)
{
    /// <summary>Run as this system user (through <c>runuser</c>, so only when running as root).</summary>
    public string? User { get; init; }

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public string? WorkingDirectory { get; init; }

    public string? StandardInput { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    public async Task<ToolResult> RunAsync(CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(User is null ? Program : "runuser")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = WorkingDirectory ?? "/",
        };
        if (User is not null)
            foreach (var argument in (string[])["-u", User, "--", Program]) info.ArgumentList.Add(argument);
        foreach (var argument in Arguments) info.ArgumentList.Add(argument);
        foreach (var (name, value) in Environment) info.Environment[name] = value;

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"Starting {Program} returned no process.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new CliException($"{Name} could not be started ({e.Message}): check that it is installed.", e);
        }

        using (process)
        using (var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            bounded.CancelAfter(Timeout);
            var output = process.StandardOutput.ReadToEndAsync(bounded.Token);
            var error = process.StandardError.ReadToEndAsync(bounded.Token);
            try
            {
                if (StandardInput is not null) await process.StandardInput.WriteAsync(StandardInput.AsMemory(), bounded.Token);
                process.StandardInput.Close();
                await process.WaitForExitAsync(bounded.Token);
                return new ToolResult(process.ExitCode, (await output + await error).Trim());
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                cancellationToken.ThrowIfCancellationRequested();
                throw new CliException(string.Create(CultureInfo.InvariantCulture,
                    $"{Name} did not finish within {Timeout.TotalSeconds:0} s and was stopped: look at the server's log under .mosaic/ENV/servers and try again."));
            }
            catch (IOException) when (process.HasExited)
            {
                // It exited before reading its input; its exit code says how it went.
                await process.WaitForExitAsync(cancellationToken);
                return new ToolResult(process.ExitCode, (await output + await error).Trim());
            }
        }
    }

    /// <summary>The tool and its subcommand, never its other arguments (a path, a user name): what a message may show.</summary>
    public string Name => Arguments.Count > 0 && !Arguments[0].StartsWith('-') && !Arguments[0].Contains('/')
        ? $"{Path.GetFileName(Program)} {Arguments[0]}"
        : Path.GetFileName(Program);
}
