using System.ComponentModel;
using System.Diagnostics;
using Mosaic.Cli.CommandLine;

namespace Mosaic.Cli.Environments.History;

/// <summary>Runs <c>git</c> in a checkout and returns what it printed.</summary>
public sealed class Git(string root)
{
    public bool IsRepository() => Run(["rev-parse", "--is-inside-work-tree"]).ExitCode == 0;

    /// <summary>Standard output, or null when git exits with an error (a file missing at that commit, say).</summary>
    public string? Output(params string[] arguments)
    {
        var (exitCode, output) = Run(arguments);
        return exitCode == 0 ? output : null;
    }

    private (int ExitCode, string Output) Run(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            _ = error.Result;
            return (process.ExitCode, output);
        }
        catch (Win32Exception e)
        {
            throw new CliException("git is not installed or not on the PATH: env history reads the history of environments/ with it.", e);
        }
    }
}
