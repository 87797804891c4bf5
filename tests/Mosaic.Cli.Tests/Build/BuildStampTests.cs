using Mosaic.Cli.Build;
using Mosaic.Cli.Tests.Support;

namespace Mosaic.Cli.Tests.Build;

public class BuildStampTests
{
    private const string Solution = "<Solution><Project Path=\"src/a/a.csproj\" /></Solution>";
    private static readonly DateTime LongAgo = DateTime.UtcNow.AddHours(-2);
    private static readonly DateTime LastBuild = DateTime.UtcNow.AddHours(-1);

    [Fact]
    public void A_build_with_nothing_changed_since_is_current()
    {
        using var checkout = Checkout(out var stamp, out var output);

        Assert.True(stamp.IsCurrent(Solution, [output]));
    }

    [Fact]
    public void An_edited_source_file_needs_a_build()
    {
        using var checkout = Checkout(out var stamp, out var output);

        File.SetLastWriteTimeUtc(Path.Combine(checkout.Root, "src", "a", "Program.cs"), DateTime.UtcNow);

        Assert.False(stamp.IsCurrent(Solution, [output]));
    }

    [Fact]
    public void A_deleted_source_file_needs_a_build()
    {
        using var checkout = Checkout(out var stamp, out var output);

        File.Delete(Path.Combine(checkout.Root, "src", "a", "Program.cs"));

        Assert.False(stamp.IsCurrent(Solution, [output]));
    }

    [Fact]
    public void A_changed_build_setting_needs_a_build()
    {
        using var checkout = Checkout(out var stamp, out var output);

        File.SetLastWriteTimeUtc(Path.Combine(checkout.Root, "Directory.Packages.props"), DateTime.UtcNow);

        Assert.False(stamp.IsCurrent(Solution, [output]));
    }

    [Fact]
    public void Another_set_of_projects_or_a_missing_output_needs_a_build()
    {
        using var checkout = Checkout(out var stamp, out var output);

        Assert.False(stamp.IsCurrent("<Solution />", [output]));
        File.Delete(output);
        Assert.False(stamp.IsCurrent(Solution, [output]));
    }

    [Fact]
    public void A_failed_build_clears_the_stamp()
    {
        using var checkout = Checkout(out var stamp, out var output);

        stamp.Clear();

        Assert.False(stamp.IsCurrent(Solution, [output]));
    }

    [Fact]
    public void On_a_fresh_clone_with_no_artifacts_folder_clearing_the_stamp_is_harmless()
    {
        using var fresh = TempWorkspace.Empty();
        var stamp = new BuildStamp(Path.Combine(fresh.Root, "artifacts", "mosaic", "services.stamp"), fresh.Root);

        stamp.Clear();

        Assert.False(stamp.IsCurrent(Solution, []));
    }

    /// <summary>A checkout whose sources are older than its last build.</summary>
    private static TempWorkspace Checkout(out BuildStamp stamp, out string output)
    {
        var checkout = TempWorkspace.Empty();
        var project = Directory.CreateDirectory(Path.Combine(checkout.Root, "src", "a")).FullName;
        File.WriteAllText(Path.Combine(project, "Program.cs"), "return 0;");
        File.WriteAllText(Path.Combine(checkout.Root, "Directory.Packages.props"), "<Project />");
        output = Path.Combine(checkout.Root, "artifacts", "bin", "a", "release", "a.dll");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        File.WriteAllText(output, "");
        foreach (var file in Directory.EnumerateFiles(checkout.Root, "*", SearchOption.AllDirectories)) File.SetLastWriteTimeUtc(file, LongAgo);
        foreach (var folder in Directory.EnumerateDirectories(Path.Combine(checkout.Root, "src"), "*", SearchOption.AllDirectories).Append(Path.Combine(checkout.Root, "src")))
            Directory.SetLastWriteTimeUtc(folder, LongAgo);
        stamp = new BuildStamp(Path.Combine(checkout.Root, "artifacts", "mosaic", "services.stamp"), checkout.Root);
        stamp.Record(Solution, LastBuild);
        return checkout;
    }
}
