namespace Mosaic.Cli.CommandLine;

public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command ran and something is wrong (a port in use, a failed build, a service not ready).</summary>
    public const int Failure = 1;

    /// <summary>The command line itself was wrong: an unknown command or flag, a bad value.</summary>
    public const int Usage = 2;
}
