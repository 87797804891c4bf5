using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Terminal;
using Mosaic.Cli.Workspace;

var output = ConsoleOutput.ForProcess();
try
{
    return await MosaicCommandLine.RunAsync(args, new CliContext(output, WorkspaceLocator.FindRoot));
}
#pragma warning disable CA1031 // The one place every unforeseen failure becomes a sentence instead of a stack trace.
catch (Exception e)
#pragma warning restore CA1031
{
    return CrashReport.Handle(e, output, CrashReport.DefaultLogPath());
}
