using Microsoft.Extensions.Options;

namespace Mosaic.Platform.Configuration;

/// <summary>
/// The service's declared settings do not validate, so it does not start. A process that does not
/// catch it ends with the one line already written to standard error and exit code 78 (EX_CONFIG),
/// not a stack trace; a host that catches it (a test) gets an <see cref="OptionsValidationException"/>.
/// </summary>
public sealed class InvalidSettingsException(string service, IEnumerable<SettingsProblem> problems)
    : OptionsValidationException(service, typeof(SettingsDeclaration), problems.Select(p => p.ToString()))
{
    public const int ExitCode = 78;

    private static int exitInstalled;

    /// <summary>Once per process: an uncaught <see cref="InvalidSettingsException"/> exits quietly with <see cref="ExitCode"/>.</summary>
    internal static void ExitQuietlyWhenUncaught()
    {
        if (Interlocked.Exchange(ref exitInstalled, 1) == 1) return;
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            if (e.ExceptionObject is InvalidSettingsException) Environment.Exit(ExitCode);
        };
    }
}
