using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Terminal;
using Mosaic.Cli.Workspace;
using Mosaic.Platform.Manifest;

namespace Mosaic.Cli.Tests.Support;

/// <summary>A throwaway checkout: a temp folder with a mosaic.yaml whose services listen on free ports.</summary>
internal sealed class TempWorkspace : IDisposable
{
    private readonly bool _ownsRoot;

    private TempWorkspace(string root, bool ownsRoot = true)
    {
        Root = root;
        _ownsRoot = ownsRoot;
    }

    public string Root { get; }

    public StringWriter Out { get; } = new();

    public StringWriter Error { get; } = new();

    public string AllOutput => Out.ToString() + Error.ToString();

    public ConsoleOutput Output => ConsoleOutput.ForWriters(Out, Error);

    /// <summary>The environment variables commands see: only these, so the test machine's own cannot leak in.</summary>
    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

    /// <summary>What commands read from standard input.</summary>
    public string StandardInput { get; set; } = "";

    public CliContext Context => new(Output, () => Root, name => Variables.GetValueOrDefault(name), () => new StringReader(StandardInput));

    public MosaicWorkspace Workspace(string environment = "test") => new(Root, environment);

    public SystemManifest Manifest => ManifestLoader.Load(Path.Combine(Root, ManifestLoader.FileName));

    /// <summary>A workspace whose manifest has <paramref name="services"/> ("name" or "name:instances:dependency,dependency").</summary>
    public static TempWorkspace WithServices(params string[] services)
    {
        var workspace = Empty();
        WriteManifest(workspace.Root, services);
        return workspace;
    }

    /// <summary>A workspace in a folder someone else made and deletes (a <c>ServerTestFolder</c>'s), with <paramref name="services"/> as in <see cref="WithServices"/>.</summary>
    public static TempWorkspace In(string root, params string[] services)
    {
        WriteManifest(root, services);
        return new TempWorkspace(root, ownsRoot: false);
    }

    private static void WriteManifest(string root, string[] services)
    {
        var yaml = new System.Text.StringBuilder("name: test\nservices:\n");
        foreach (var spec in services)
        {
            var parts = spec.Split(':');
            var instances = parts.Length > 1 ? int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) : 1;
            yaml.Append(System.Globalization.CultureInfo.InvariantCulture, $"""
                  {parts[0]}:
                    project: src/{parts[0]}
                    port: {FreePort.Next()}
                    managementPort: {FreePort.Next()}
                    instances: {instances}

                """);
            if (parts.Length > 2) yaml.Append(System.Globalization.CultureInfo.InvariantCulture, $"    dependsOn: [{parts[2]}]\n");
        }
        File.WriteAllText(Path.Combine(root, ManifestLoader.FileName), yaml.ToString());
    }

    /// <summary>The repository the tests were built from, read as it is and never deleted: for commands that check committed files.</summary>
    public static TempWorkspace OfCheckout() => new(CheckoutRoot.Path, ownsRoot: false);

    public static TempWorkspace Empty() => new(Directory.CreateTempSubdirectory("mosaic-cli-test-").FullName);

    public Task<int> RunAsync(params string[] args) => MosaicCommandLine.RunAsync(args, Context, Out, Error);

    public void Dispose()
    {
        if (_ownsRoot) Directory.Delete(Root, recursive: true);
    }
}
