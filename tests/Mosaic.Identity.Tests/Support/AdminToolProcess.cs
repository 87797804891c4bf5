using System.Diagnostics;

namespace Mosaic.Identity.Tests.Support;

/// <summary>Runs the built identity executable in its admin tool mode, the way <c>mosaic admin create</c> does.</summary>
public static class AdminToolProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(IdentityState state, IEnumerable<string> args, string? input = null, bool redirectInput = true)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = state.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Mosaic.Identity.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("Mosaic__", StringComparison.Ordinal) || k.StartsWith("Identity__", StringComparison.Ordinal) || k.StartsWith("ConnectionStrings__", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(inherited);
        start.Environment["Mosaic__StateDirectory"] = state.Path;
        foreach (var (name, value) in state.Database.EnvironmentVariables) start.Environment[name] = value;
        start.Environment["Mosaic__Environment"] = "test";

        using var process = Process.Start(start)!;
        if (redirectInput)
        {
            if (input is not null) await process.StandardInput.WriteLineAsync(input);
            process.StandardInput.Close();
        }
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new Result(process.ExitCode, await output, await error);
    }
}
