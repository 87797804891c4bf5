using System.Globalization;

namespace Mosaic.Cli.Servers;

/// <summary>An installed PostgreSQL server: the folder holding its <c>initdb</c>, <c>pg_ctl</c> and <c>postgres</c>.</summary>
public sealed record PostgresInstallation(string BinDirectory)
{
    /// <summary>Where Debian's packages put every major version side by side (<c>/usr/lib/postgresql/15/bin</c>).</summary>
    public const string DebianRoot = "/usr/lib/postgresql";

    public string InitDb => Path.Combine(BinDirectory, "initdb");

    public string PgCtl => Path.Combine(BinDirectory, "pg_ctl");

    /// <summary>The newest version under <paramref name="root"/>, else one whose tools are on the PATH; null when there is none.</summary>
    public static PostgresInstallation? Find(string root = DebianRoot, string? path = null)
    {
        if (Directory.Exists(root))
        {
            var newest = Directory.EnumerateDirectories(root)
                .Select(folder => (Folder: folder, Version: int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1))
                .Where(c => c.Version >= 0 && IsComplete(Path.Combine(c.Folder, "bin")))
                .OrderByDescending(c => c.Version)
                .Select(c => Path.Combine(c.Folder, "bin"))
                .FirstOrDefault();
            if (newest is not null) return new PostgresInstallation(newest);
        }
        var onPath = ExecutableSearch.OnPath("pg_ctl", path);
        return onPath is not null && IsComplete(Path.GetDirectoryName(onPath)!) ? new PostgresInstallation(Path.GetDirectoryName(onPath)!) : null;
    }

    private static bool IsComplete(string bin) =>
        ((string[])["initdb", "pg_ctl", "postgres"]).All(tool => File.Exists(Path.Combine(bin, tool)));
}
