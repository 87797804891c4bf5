using System.Globalization;
using Mosaic.Cli.CommandLine;
using Npgsql;

namespace Mosaic.Cli.Servers;

/// <summary>
/// An environment's own PostgreSQL server: its data under <c>.mosaic/ENV/servers/postgres</c>, listening
/// on 127.0.0.1 only (its Unix socket inside the data folder), a superuser with a generated password,
/// and a password (SCRAM) required of every connection.
/// </summary>
public sealed class PrivatePostgres(ServerFolders folders, PostgresInstallation installation, ServerCredentials credentials, int port)
{
    public const string Superuser = "postgres";

    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(90);
    private readonly ServerUser _user = ServerUser.ForPostgres();

    public int Port { get; } = port;

    /// <summary>The superuser's connection string; no pooling, so the command holds no idle connections.</summary>
    public string SuperuserConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = Superuser,
        Password = credentials.PostgresSuperuser,
        Database = "postgres",
        Pooling = false,
        Timeout = 5,
    }.ToString();

    /// <summary>Where the data lives, for messages: never who logs in.</summary>
    public string Location => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    public async Task<bool> IsRunningAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(folders.PostgresData, "postmaster.pid"))) return false;
        // 0: running, 3: not running, 4: no data folder.
        return (await PgCtl(["status", "-D", folders.PostgresData]).RunAsync(cancellationToken)).ExitCode == 0;
    }

    /// <summary>
    /// Initializes the data folder the first time, starts the server and waits until it accepts the
    /// superuser. True when it was started now, false when it was already running (and is reused).
    /// </summary>
    public async Task<bool> StartAsync(CancellationToken cancellationToken)
    {
        if (await IsRunningAsync(cancellationToken))
        {
            await WaitForConnectionsAsync(cancellationToken);
            return false;
        }
        PortProbe.EnsureFree(Port, "PostgreSQL", "--postgres-port");
        await _user.TakeOwnershipAsync(folders.Postgres, cancellationToken);
        if (!File.Exists(Path.Combine(folders.PostgresData, "PG_VERSION"))) await InitializeAsync(cancellationToken);
        await WriteSettingsAsync(cancellationToken);

        try
        {
            var start = await PgCtl(["start", "-D", folders.PostgresData, "-l", folders.PostgresLog, "-w", "-t", "60", "-s"], StartBound).RunAsync(cancellationToken);
            if (!start.Succeeded)
                throw new CliException($"PostgreSQL did not start ({LastLogLine() ?? start.LastLine}): see {folders.Workspace.Display(folders.PostgresLog)}.");
            await WaitForConnectionsAsync(cancellationToken);
        }
        catch
        {
            // Half started (or given up on): nothing may be left running that nobody will stop. Should
            // stopping fail too, the first failure is the one worth reporting.
            await ((Task)StopAsync(CancellationToken.None)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }
        return true;
    }

    /// <summary>A fast shutdown: open transactions are rolled back, clients disconnected. Nothing happens when it is not running.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!await IsRunningAsync(cancellationToken)) return;
        var stop = await PgCtl(["stop", "-D", folders.PostgresData, "-m", "fast", "-w", "-t", "60", "-s"], StartBound).RunAsync(cancellationToken);
        if (!stop.Succeeded && await IsRunningAsync(cancellationToken))
            throw new CliException($"PostgreSQL did not stop ({stop.LastLine}): see {folders.Workspace.Display(folders.PostgresLog)}.");
    }

    /// <summary>Stops and starts it again on the same port and data, as a crash-and-recover would.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        await StopAsync(cancellationToken);
        await StartAsync(cancellationToken);
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        // A folder left by an initdb that was cut short would make the next one refuse to run.
        if (Directory.Exists(folders.PostgresData)) Directory.Delete(folders.PostgresData, recursive: true);
        var passwordFile = Path.Combine(folders.Postgres, "superuser.pw");
        PrivateFile.Write(passwordFile, credentials.PostgresSuperuser + "\n");
        try
        {
            await _user.GiveAsync(passwordFile, cancellationToken);
            var init = await _user.Run(new ServerTool(installation.InitDb,
            [
                "-D", folders.PostgresData,
                "-U", Superuser,
                $"--pwfile={passwordFile}",
                "--auth-host=scram-sha-256",
                "--auth-local=scram-sha-256",
                "--no-locale",
                "--encoding=UTF8",
                "--no-instructions",
            ])
            {
                WorkingDirectory = folders.Postgres,
                Timeout = TimeSpan.FromSeconds(120),
            }).RunAsync(cancellationToken);
            if (!init.Succeeded)
                throw new CliException($"initdb could not create the PostgreSQL data folder {folders.Workspace.Display(folders.PostgresData)} ({init.LastLine}).");
            // The settings mosaic owns live in a file of their own, rewritten at every start.
            await File.AppendAllTextAsync(Path.Combine(folders.PostgresData, "postgresql.conf"), "\ninclude_if_exists = 'mosaic.conf'\n", cancellationToken);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    private async Task WriteSettingsAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(folders.PostgresData, "mosaic.conf");
        await File.WriteAllTextAsync(path, string.Create(CultureInfo.InvariantCulture, $"""
            # Written by mosaic at every start of this private server; edits are lost.
            listen_addresses = '127.0.0.1'
            port = {Port}
            unix_socket_directories = '{folders.PostgresData.Replace("'", "''", StringComparison.Ordinal)}'
            # Every instance of every service keeps a pool of its own.
            max_connections = 300

            """), cancellationToken);
        await _user.GiveAsync(path, cancellationToken);
    }

    private async Task WaitForConnectionsAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(SuperuserConnectionString);
                await connection.OpenAsync(cancellationToken);
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidPassword)
            {
                throw new CliException($"The private PostgreSQL server of '{folders.Workspace.Environment}' does not accept the superuser password in {folders.Workspace.Display(folders.Credentials)}: stop it and delete {folders.Workspace.Display(folders.Postgres)} to start afresh (its data is lost).", e);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException && DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
            }
            catch (NpgsqlException e)
            {
                throw new CliException($"PostgreSQL on {Location} does not accept connections ({e.Message}): see {folders.Workspace.Display(folders.PostgresLog)}.", e);
            }
        }
    }

    private ServerTool PgCtl(IReadOnlyList<string> arguments, TimeSpan? timeout = null) =>
        _user.Run(new ServerTool(installation.PgCtl, arguments)
        {
            WorkingDirectory = Directory.Exists(folders.Postgres) ? folders.Postgres : "/",
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
        });

    private string? LastLogLine()
    {
        try
        {
            return File.Exists(folders.PostgresLog)
                ? File.ReadLines(folders.PostgresLog).LastOrDefault(line => line.Contains("FATAL", StringComparison.Ordinal) || line.Contains("ERROR", StringComparison.Ordinal))
                : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
