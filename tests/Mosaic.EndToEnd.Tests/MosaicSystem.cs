using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;

namespace Mosaic.EndToEnd.Tests;

/// <summary>
/// The whole system started the way a user starts it: <c>./mosaic up</c> as a real process, in an
/// environment of its own so the test neither reads nor leaves behind a developer's data. This one runs
/// the embedded profile; <see cref="ProductionSystem"/> the production one.
/// </summary>
public class MosaicSystem : IAsyncLifetime
{
    private static readonly Lazy<Uri> GatewayAddress = new(() => OperatorClient.InstanceOf("gateway").ApiAddress);

    /// <summary>The gateway's address from the manifest (with MOSAIC_PORT_OFFSET, if set).</summary>
    public static Uri Gateway => GatewayAddress.Value;

    private readonly StringBuilder upOutput = new();
    private Process? up;

    public MosaicSystem()
        : this("e2e", profile: null)
    {
    }

    protected MosaicSystem(string environment, string? profile)
    {
        Environment = environment;
        Profile = profile;
    }

    public static string Root { get; } = FindRoot();

    public string Environment { get; }

    /// <summary>What <c>up --profile</c> is given; null for the default (embedded).</summary>
    public string? Profile { get; }

    public string StateDirectory => Path.Combine(Root, ".mosaic", Environment);

    public string UpOutput
    {
        get { lock (upOutput) return upOutput.ToString(); }
    }

    public Process UpProcess => up ?? throw new InvalidOperationException("The system is not started.");

    public virtual async ValueTask InitializeAsync()
    {
        if (Directory.Exists(StateDirectory)) Directory.Delete(StateDirectory, recursive: true);
        up = Start(UpArguments());
        up.OutputDataReceived += (_, e) => { lock (upOutput) upOutput.AppendLine(e.Data); };
        up.ErrorDataReceived += (_, e) => { lock (upOutput) upOutput.AppendLine(e.Data); };
        up.BeginOutputReadLine();
        up.BeginErrorReadLine();

        // The first run builds everything; allow for a slow machine, but not forever.
        var deadline = DateTime.UtcNow.AddMinutes(8);
        while (DateTime.UtcNow < deadline)
        {
            if (up.HasExited) throw new InvalidOperationException($"./mosaic up exited with {up.ExitCode}:\n{UpOutput}");
            var (exitCode, _) = await RunAsync("status", "--environment", Environment);
            if (exitCode == 0) return;
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
        throw new TimeoutException($"The system was not ready within 8 minutes:\n{UpOutput}");
    }

    protected virtual string[] UpArguments() =>
        Profile is null ? ["up", "--environment", Environment] : ["up", "--environment", Environment, "--profile", Profile];

    public virtual async ValueTask DisposeAsync()
    {
        if (up is { HasExited: false })
        {
            await RunAsync("down", "--environment", Environment);
            if (!up.WaitForExit(TimeSpan.FromSeconds(30))) up.Kill(entireProcessTree: true);
        }
        up?.Dispose();
    }

    /// <summary>Runs <c>./mosaic ARGS</c> to completion and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        using var process = Start(arguments);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>The instances <c>./mosaic status --json</c> lists; fails the test with its output if the command fails.</summary>
    public async Task<List<System.Text.Json.JsonElement>> StatusAsync()
    {
        var (exitCode, output) = await RunAsync("status", "--environment", Environment, "--json");
        Assert.True(exitCode == 0, output);
        // The JSON array, without whatever the command wrote to stderr after it.
        var json = output[output.IndexOf('[', StringComparison.Ordinal)..(output.LastIndexOf("\n]", StringComparison.Ordinal) + 2)];
        return System.Text.Json.JsonDocument.Parse(json).RootElement.EnumerateArray().ToList();
    }

    /// <summary>Sends SIGKILL to the first instance of <paramref name="service"/>, as a crash would; <c>up</c> restarts it.</summary>
    public void Kill(string service)
    {
        using var run = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(StateDirectory, "run", "up.json")));
        var pid = run.RootElement.GetProperty("instances").EnumerateArray()
            .First(i => i.GetProperty("service").GetString() == service)
            .GetProperty("process").GetProperty("pid").GetInt32();
        using var process = Process.GetProcessById(pid);
        process.Kill();
    }

    /// <summary>Processes, other than this test, whose environment points at the e2e state folder.</summary>
    public IReadOnlyList<int> ProcessesOfThisEnvironment()
    {
        var marker = $"Mosaic__StateDirectory={StateDirectory}";
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == System.Environment.ProcessId) continue;
            try
            {
                var environ = File.ReadAllText(Path.Combine(dir, "environ"));
                if (environ.Split('\0').Contains(marker, StringComparer.Ordinal)) found.Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return found;
    }

    protected static Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(Root, "mosaic"))
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // The test systems always run on servers of their own, never on ones a developer pointed mosaic at.
        start.Environment.Remove("MOSAIC_POSTGRES_ADMIN");
        start.Environment.Remove("MOSAIC_RABBITMQ_ADMIN");
        return Process.Start(start)!;
    }

    private static string FindRoot([CallerFilePath] string thisFile = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(thisFile)!); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "mosaic.yaml"))) return dir.FullName;
        throw new InvalidOperationException("Run the end-to-end tests from inside the repository.");
    }
}
