using System.Text.Json;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Commands.Up;
using Mosaic.Cli.Tests.Support;

namespace Mosaic.Cli.Tests.Commands;

/// <summary>What <c>mosaic up</c> does with environments/: checks it before starting, writes each slice, and writes it again on a change.</summary>
public sealed class UpConfigurationTests : IDisposable
{
    private const string Schema = """
        {
          "type": "object", "additionalProperties": false,
          "properties": {
            "Demo": {
              "type": "object", "additionalProperties": false,
              "properties": {
                "Limit": { "type": "integer", "minimum": 1, "maximum": 100, "default": 10 },
                "ApiKey": { "type": "string", "x-secret": true }
              },
              "required": ["ApiKey"]
            }
          }
        }
        """;

    private readonly TempWorkspace workspace = TempWorkspace.WithServices("demo", "other");

    public UpConfigurationTests()
    {
        Write("contracts/config/demo.schema.json", Schema);
        Write("environments/base.yaml", """
            services:
              demo:
                Demo:
                  Limit: 5
                  ApiKey: ${secret.demo-key}
            """);
        Write("environments/dev.yaml", "extends: base\n");
    }

    public void Dispose() => workspace.Dispose();

    private void Write(string relative, string text)
    {
        var path = Path.Combine(workspace.Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private UpConfiguration? Prepare(string? requested = null) =>
        UpConfiguration.Prepare(workspace.Workspace(), workspace.Manifest, workspace.Output, requested, name => workspace.Variables.GetValueOrDefault(name));

    private string SlicePath => Path.Combine(workspace.Workspace().StateDirectory, "config", "demo.json");

    private JsonElement Slice() => JsonDocument.Parse(File.ReadAllText(SlicePath)).RootElement;

    private static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Not within 10 s: {what}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public void Each_service_with_a_schema_gets_its_slice_from_dev_when_the_workspace_has_no_environment_of_its_own()
    {
        using var configuration = Prepare();

        Assert.Equal("dev", configuration!.Environment);
        var slice = Slice();
        Assert.Equal("5", slice.GetProperty("values").GetProperty("Demo:Limit").GetString());
        Assert.Equal(43, slice.GetProperty("values").GetProperty("Demo:ApiKey").GetString()!.Length);
        Assert.Equal(SlicePath, configuration.VariablesFor(workspace.Manifest.GetService("demo"))["Mosaic__ConfigSlice"]);
        Assert.Empty(configuration.VariablesFor(workspace.Manifest.GetService("other")));
    }

    [Fact]
    public void An_environment_that_does_not_validate_stops_up_before_anything_starts_with_file_and_line()
    {
        Write("environments/dev.yaml", "extends: base\nservices:\n  demo:\n    Demo:\n      Limit: 500\n");

        var error = Assert.Throws<CliException>(() => Prepare());

        Assert.Contains("'dev' environment has 1 problem", error.Message, StringComparison.Ordinal);
        Assert.Contains("environments/dev.yaml:5", workspace.AllOutput, StringComparison.Ordinal);
        Assert.False(File.Exists(SlicePath));
    }

    [Fact]
    public void An_unknown_environment_is_refused_naming_the_ones_there_are()
    {
        var error = Assert.Throws<CliException>(() => Prepare("qa"));
        Assert.Contains("(environments: dev)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_good_change_is_written_again_and_a_bad_one_leaves_the_slice_as_it_was()
    {
        using var configuration = Prepare()!;
        configuration.Watch();
        var first = Slice().GetProperty("version").GetString();

        Write("environments/dev.yaml", "extends: base\nservices:\n  demo:\n    Demo:\n      Limit: 7\n");
        await EventuallyAsync(() => Slice().GetProperty("values").GetProperty("Demo:Limit").GetString() == "7", "the new value is written");
        var second = Slice().GetProperty("version").GetString();
        Assert.NotEqual(first, second);
        // Said just after the slice is written.
        await EventuallyAsync(() => workspace.AllOutput.Contains($"demo {first} → {second}", StringComparison.Ordinal), "the change is reported");

        Write("environments/dev.yaml", "extends: base\nservices:\n  demo:\n    Demo:\n      Limit: lots\n");
        await EventuallyAsync(() => workspace.AllOutput.Contains("the services keep their configuration", StringComparison.Ordinal), "the bad change is reported");
        Assert.Equal(second, Slice().GetProperty("version").GetString());
        Assert.Contains("environments/dev.yaml:5", workspace.AllOutput, StringComparison.Ordinal);
    }
}
