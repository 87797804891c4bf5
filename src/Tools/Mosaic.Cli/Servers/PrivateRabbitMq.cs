using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Mosaic.Cli.CommandLine;

namespace Mosaic.Cli.Servers;

/// <summary>
/// An environment's own RabbitMQ node (<c>mosaic-ENV@localhost</c>): its data, logs and Erlang cookie
/// under <c>.mosaic/ENV/servers/rabbitmq</c>, listening on 127.0.0.1 only, registered with a port mapper
/// (epmd) of its own, so it never meets a system-wide broker. It runs as whoever runs mosaic.
/// </summary>
public sealed class PrivateRabbitMq(ServerFolders folders, RabbitMqInstallation installation, ServerPorts ports)
{
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(120);

    public int Port => ports.RabbitMq;

    public string NodeName => $"mosaic-{folders.Workspace.Environment}@localhost";

    public string Location => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    /// <summary>The management plugin's HTTP API and web UI, when the node runs it; null otherwise.</summary>
    public Uri? ManagementUri => ports.RabbitMqManagement ? new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{ports.RabbitMqManagementPort}/")) : null;

    private string PidFile => Path.Combine(folders.RabbitMq, "rabbitmq.pid");

    private string ConfigFile => Path.Combine(folders.RabbitMq, "rabbitmq.conf");

    /// <summary>True while the node whose pid its pid file holds is alive (a stale file of a crashed node is not).</summary>
    public bool IsRunning
    {
        get
        {
            if (!File.Exists(PidFile)) return false;
            if (!int.TryParse(File.ReadAllText(PidFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) return false;
            try
            {
                // A reused pid belongs to some other program: only an Erlang VM counts.
                return File.ReadAllText($"/proc/{pid}/cmdline").Contains("beam", StringComparison.Ordinal);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        }
    }

    /// <summary>
    /// Starts the node and waits until its applications run. True when it was started now, false when it
    /// was already running (and is reused).
    /// </summary>
    public async Task<bool> StartAsync(CancellationToken cancellationToken)
    {
        if (IsRunning)
        {
            await WaitAsync(null, cancellationToken);
            return false;
        }
        PortProbe.EnsureFree(ports.RabbitMq, "RabbitMQ", "--rabbitmq-port");
        PortProbe.EnsureFree(ports.RabbitMqDistribution, "RabbitMQ", "--rabbitmq-port");
        if (ports.RabbitMqManagement) PortProbe.EnsureFree(ports.RabbitMqManagementPort, "RabbitMQ's management plugin", "--rabbitmq-port");
        // Its data, logs and Erlang cookie are this user's alone.
        Directory.CreateDirectory(folders.RabbitMq);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folders.RabbitMq, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.CreateDirectory(folders.RabbitMqLogs);
        EnsureErlangCookie();
        File.Delete(PidFile);
        await WriteConfigurationAsync(cancellationToken);
        await StartPortMapperAsync(cancellationToken);

        // Its own session: Ctrl+C in the terminal of `up` must not reach it (up stops it after the services),
        // and it outlives `servers start`. The shell replaces itself with the server, output to the log.
        var info = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            WorkingDirectory = folders.RabbitMq,
        };
        foreach (var argument in (string[])["--wait", "/bin/sh", "-c", """exec "$0" </dev/null >>"$1" 2>&1""", installation.Server, folders.RabbitMqLog])
            info.ArgumentList.Add(argument);
        foreach (var (name, value) in ServerEnvironment()) info.Environment[name] = value;
        using var server = Process.Start(info) ?? throw new InvalidOperationException("setsid did not start.");
        try
        {
            await WaitAsync(server, cancellationToken);
        }
        catch
        {
            // Half started (or given up on): nothing may be left running that nobody will stop.
            if (!server.HasExited) server.Kill(entireProcessTree: true);
            await StopPortMapperAsync(CancellationToken.None);
            throw;
        }
        return true;
    }

    /// <summary>Stops the node, waiting for its process to end, then the port mapper started for it.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (IsRunning)
        {
            var stop = await Ctl(["stop", PidFile], StartBound).RunAsync(cancellationToken);
            if (!stop.Succeeded && IsRunning)
                throw new CliException($"RabbitMQ did not stop ({stop.LastLine}): see the logs in {folders.Workspace.Display(folders.RabbitMqLogs)}.");
        }
        await StopPortMapperAsync(cancellationToken);
    }

    /// <summary>With no node registered any more, the mapper on this environment's private port has nothing left to serve.</summary>
    private Task<ToolResult> StopPortMapperAsync(CancellationToken cancellationToken) =>
        new ServerTool(installation.Epmd, ["-port", ports.Epmd.ToString(CultureInfo.InvariantCulture), "-kill"])
        {
            Timeout = TimeSpan.FromSeconds(10),
        }.RunAsync(cancellationToken);

    /// <summary>Stops and starts it again with the same data: what a broker restart looks like to its clients.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        await StopAsync(cancellationToken);
        await StartAsync(cancellationToken);
    }

    /// <summary>A <c>rabbitmqctl</c> command against this node (its subcommand first); secrets go on standard input.</summary>
    public ServerTool Ctl(IReadOnlyList<string> arguments, TimeSpan? timeout = null) =>
        new(installation.Ctl, arguments)
        {
            Environment = CtlEnvironment(),
            WorkingDirectory = folders.RabbitMq,
            Timeout = timeout ?? TimeSpan.FromSeconds(60),
        };

    private async Task WaitAsync(Process? server, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var wait = Ctl(["wait", "--timeout", ((int)StartBound.TotalSeconds).ToString(CultureInfo.InvariantCulture), PidFile], StartBound + TimeSpan.FromSeconds(10)).RunAsync(stop.Token);
        if (server is not null)
        {
            var exited = server.WaitForExitAsync(stop.Token);
            var first = await Task.WhenAny(wait, exited);
            // Whichever is left is not needed any more.
            await stop.CancelAsync();
            await ((Task)(first == exited ? wait : exited)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (first == exited && !wait.IsCompletedSuccessfully)
                throw new CliException($"RabbitMQ stopped while starting ({LastLogLine() ?? $"exit code {server.ExitCode}"}): see the logs in {folders.Workspace.Display(folders.RabbitMqLogs)}.");
        }
        var result = await wait;
        if (!result.Succeeded)
            throw new CliException($"RabbitMQ did not start ({LastLogLine() ?? result.LastLine}): see the logs in {folders.Workspace.Display(folders.RabbitMqLogs)}.");
    }

    /// <summary>
    /// The secret the node and its tools (rabbitmqctl) share, written once before either starts. Left to
    /// Erlang, the node and the first rabbitmqctl each make one up when they find none, and when they race
    /// (a busy machine, root ignoring the file's read-only mode) the node keeps a cookie the file no longer
    /// holds, so no tool can ever reach it and the start waits out its bound.
    /// </summary>
    private void EnsureErlangCookie()
    {
        var cookie = Path.Combine(folders.RabbitMq, ".erlang.cookie");
        if (File.Exists(cookie)) return;
        var written = cookie + ".new";
        File.Delete(written);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        // Erlang refuses a cookie file that others may read; read-only for its owner, as Erlang makes it
        // (the mode applies to later opens: this one may still write).
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead;
        using (var file = new StreamWriter(written, options))
            file.Write(RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 20));
        File.Move(written, cookie);
    }

    private async Task WriteConfigurationAsync(CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(ConfigFile, string.Create(CultureInfo.InvariantCulture, $"""
            # Written by mosaic at every start of this private node; edits are lost.
            listeners.tcp.default = 127.0.0.1:{ports.RabbitMq}
            distribution.listener.interface = 127.0.0.1
            {(ports.RabbitMqManagement ? $"management.tcp.ip = 127.0.0.1\nmanagement.tcp.port = {ports.RabbitMqManagementPort}\n" : "")}
            """), cancellationToken);
        // No plugins unless asked for: the management plugin opens another port and costs start time, and the CLI
        // needs none (rabbitmqctl reaches the node). It is there to look at the node, or to be a broker managed over HTTP.
        await File.WriteAllTextAsync(Path.Combine(folders.RabbitMq, "enabled_plugins"), ports.RabbitMqManagement ? "[rabbitmq_management].\n" : "[].\n", cancellationToken);
    }

    /// <summary>Erlang starts a mapper itself when there is none, but one on all interfaces; this one listens on loopback only.</summary>
    private async Task StartPortMapperAsync(CancellationToken cancellationToken)
    {
        var epmd = ports.Epmd.ToString(CultureInfo.InvariantCulture);
        if ((await new ServerTool(installation.Epmd, ["-port", epmd, "-names"]) { Timeout = TimeSpan.FromSeconds(10) }.RunAsync(cancellationToken)).Succeeded) return;
        PortProbe.EnsureFree(ports.Epmd, "RabbitMQ port mapper (epmd)", "--rabbitmq-port");
        var start = await new ServerTool(installation.Epmd, ["-daemon", "-address", "127.0.0.1", "-port", epmd]) { Timeout = TimeSpan.FromSeconds(10) }.RunAsync(cancellationToken);
        if (!start.Succeeded) throw new CliException($"epmd, the port mapper RabbitMQ needs, did not start on port {epmd} ({start.LastLine}).");
    }

    private Dictionary<string, string> ServerEnvironment()
    {
        var variables = CtlEnvironment();
        variables["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
        variables["RABBITMQ_NODE_PORT"] = ports.RabbitMq.ToString(CultureInfo.InvariantCulture);
        variables["RABBITMQ_DIST_PORT"] = ports.RabbitMqDistribution.ToString(CultureInfo.InvariantCulture);
        variables["RABBITMQ_MNESIA_BASE"] = Path.Combine(folders.RabbitMq, "mnesia");
        variables["RABBITMQ_LOG_BASE"] = folders.RabbitMqLogs;
        variables["RABBITMQ_CONFIG_FILE"] = ConfigFile;
        variables["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(folders.RabbitMq, "advanced.config");
        variables["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(folders.RabbitMq, "enabled_plugins");
        variables["RABBITMQ_PID_FILE"] = PidFile;
        // The private node shares a developer's machine with the services, its database and the tests: its
        // schedulers sleep when there is no work instead of spinning for it (RabbitMQ's advice for shared CPUs).
        variables["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "+sbwt none +sbwtdcpu none +sbwtdio none";
        return variables;
    }

    /// <summary>What the node and its tools share: the node's name, the private mapper, and the cookie in HOME.</summary>
    private Dictionary<string, string> CtlEnvironment() => new(StringComparer.Ordinal)
    {
        ["RABBITMQ_NODENAME"] = NodeName,
        ["ERL_EPMD_PORT"] = ports.Epmd.ToString(CultureInfo.InvariantCulture),
        ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
        ["HOME"] = folders.RabbitMq,
        // A system-wide rabbitmq-env.conf must not rename the node or move its files.
        ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(folders.RabbitMq, "rabbitmq-env.conf"),
    };

    /// <summary>The node's last error, from its own log or what it printed before it had one.</summary>
    private string? LastLogLine()
    {
        var logs = (string[])[Path.Combine(folders.RabbitMqLogs, $"{NodeName}.log"), folders.RabbitMqLog];
        try
        {
            return logs.Where(File.Exists).Select(log => LastError(File.ReadAllLines(log))).FirstOrDefault(line => line is not null);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The last error line, with the line after it when the error's text starts there (Erlang often writes only a time and a pid first).</summary>
    internal static string? LastError(IReadOnlyList<string> lines)
    {
        for (var i = lines.Count - 1; i >= 0; i--)
        {
            var line = lines[i];
            if (!line.Contains("[error]", StringComparison.Ordinal) && !line.Contains("BOOT FAILED", StringComparison.Ordinal)) continue;
            var text = line.Trim();
            return text.EndsWith('>') && i + 1 < lines.Count && lines[i + 1].Trim() is { Length: > 0 } next ? $"{text} {next}" : text;
        }
        return null;
    }
}
