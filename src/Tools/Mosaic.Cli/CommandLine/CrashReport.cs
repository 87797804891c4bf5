using Mosaic.Cli.Terminal;

namespace Mosaic.Cli.CommandLine;

/// <summary>The last resort for a failure nobody anticipated: one sentence on screen, the details in a file.</summary>
public static class CrashReport
{
    /// <summary>In the checkout's <c>.mosaic</c> folder when there is one, else in the temp folder.</summary>
    public static string DefaultLogPath()
    {
        var manifest = Platform.Manifest.ManifestLoader.Find(AppContext.BaseDirectory) ?? Platform.Manifest.ManifestLoader.Find(Directory.GetCurrentDirectory());
        return manifest is null
            ? Path.Combine(Path.GetTempPath(), "mosaic-cli.log")
            : new Workspace.MosaicWorkspace(Path.GetDirectoryName(manifest)!, SharedOptions.DefaultEnvironment).CrashLogPath;
    }

    public static int Handle(Exception exception, ConsoleOutput output, string logPath)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(output);
        string where;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
            File.AppendAllText(logPath, $"{DateTimeOffset.Now:O} mosaic {string.Join(' ', Environment.GetCommandLineArgs().Skip(1))}\n{exception}\n\n");
            where = $"the details are in {logPath}";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            where = $"the details could not be written to {logPath} ({e.Message})";
        }
        output.Failure($"mosaic stopped on an unexpected error ({exception.GetType().Name}: {FirstLine(exception.Message)}); {where}.");
        return ExitCodes.Failure;
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].TrimEnd('.', '\r');
}
