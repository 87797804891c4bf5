using System.Runtime.InteropServices;
using Mosaic.Cli.CommandLine;

namespace Mosaic.Cli.Servers;

/// <summary>
/// The system user a server runs as. PostgreSQL refuses to run as root, so under root it runs as the
/// <c>postgres</c> user its package creates, owning its folder; otherwise it runs as whoever runs mosaic.
/// </summary>
public sealed partial class ServerUser
{
    public const string PostgresSystemUser = "postgres";

    private ServerUser(string? name) => Name = name;

    /// <summary>The user to switch to, or null to stay the current one.</summary>
    public string? Name { get; }

    public static bool IsRoot => NativeMethods.geteuid() == 0;

    public static ServerUser ForPostgres() => new(IsRoot ? PostgresSystemUser : null);

    /// <summary>Makes <paramref name="folder"/> (created if needed) and everything in it this user's, and checks the user can reach it.</summary>
    public async Task TakeOwnershipAsync(string folder, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (Name is null) return;

        var chown = await new ServerTool("chown", ["-R", $"{Name}:", folder]).RunAsync(cancellationToken);
        if (!chown.Succeeded)
            throw new CliException($"Could not hand {folder} to the system user '{Name}' ({chown.LastLine}): PostgreSQL cannot run as root; install the postgresql package, which creates that user.");
        if (!await CanAsync("-w", folder, cancellationToken))
        {
            var blocked = await FirstUnreachableAsync(folder, cancellationToken) ?? folder;
            throw new CliException($"PostgreSQL runs as the system user '{Name}', which cannot enter {blocked}: allow it with `chmod o+x {blocked}`, move the checkout somewhere it can reach, or set MOSAIC_POSTGRES_ADMIN to use a server of your own.");
        }
    }

    /// <summary>Makes one file this user's (after mosaic wrote it as root).</summary>
    public async Task GiveAsync(string file, CancellationToken cancellationToken)
    {
        if (Name is null) return;
        var chown = await new ServerTool("chown", [$"{Name}:", file]).RunAsync(cancellationToken);
        if (!chown.Succeeded) throw new CliException($"Could not hand {file} to the system user '{Name}' ({chown.LastLine}).");
    }

    /// <summary>The tool run as this user.</summary>
    public ServerTool Run(ServerTool tool) => tool with { User = Name };

    private async Task<string?> FirstUnreachableAsync(string folder, CancellationToken cancellationToken)
    {
        var ancestors = new List<string>();
        for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent) ancestors.Insert(0, dir.FullName);
        foreach (var ancestor in ancestors)
            if (!await CanAsync("-x", ancestor, cancellationToken)) return ancestor;
        return null;
    }

    private async Task<bool> CanAsync(string test, string path, CancellationToken cancellationToken) =>
        (await Run(new ServerTool("test", [test, path])).RunAsync(cancellationToken)).Succeeded;

    private static partial class NativeMethods
    {
        [LibraryImport("libc")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static partial uint geteuid();
    }
}
