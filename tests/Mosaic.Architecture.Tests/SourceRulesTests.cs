namespace Mosaic.Architecture.Tests;

/// <summary>Rules from the design guide that can be read off the source.</summary>
public class SourceRulesTests
{
    public static TheoryData<string> DomainFiles() => new(
        Repository.ServiceFolders()
            .SelectMany(folder => Directory.EnumerateDirectories(folder))
            .Select(project => Path.Combine(project, "Domain"))
            .Where(Directory.Exists)
            .SelectMany(domain => Directory.EnumerateFiles(domain, "*.cs", SearchOption.AllDirectories))
            .Select(file => Path.GetRelativePath(Repository.Root, file)));

    [Theory]
    [MemberData(nameof(DomainFiles))]
    public void Domain_code_uses_no_framework_types(string file)
    {
        var usings = File.ReadLines(Path.Combine(Repository.Root, file))
            .Where(line => line.StartsWith("using ", StringComparison.Ordinal))
            .Where(line => line.Contains("Microsoft.", StringComparison.Ordinal) || line.Contains("Mosaic.Platform", StringComparison.Ordinal));

        Assert.Empty(usings);
    }

    [Fact]
    public void Every_service_has_domain_code()
    {
        Assert.NotEmpty(DomainFiles());
    }

    public static TheoryData<string> CompositionRoots() => new(
        Repository.SourceProjects()
            .Select(p => Path.Combine(Path.GetDirectoryName(p)!, "Program.cs"))
            .Where(File.Exists)
            .Where(p => !p.Contains("Tools", StringComparison.Ordinal))
            .Select(p => Path.GetRelativePath(Repository.Root, p)));

    [Theory]
    [MemberData(nameof(CompositionRoots))]
    public void A_service_composition_root_is_short_and_uses_the_platform_defaults(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(Repository.Root, file));

        Assert.Contains(lines, line => line.Contains(".AddMosaic(", StringComparison.Ordinal));
        Assert.True(lines.Length <= 60, $"{file} has {lines.Length} lines; move registrations into the service's own folders.");
    }
}
