namespace Mosaic.Architecture.Tests;

/// <summary>Services share contracts, never implementation; the platform knows no service.</summary>
public class ServiceBoundaryTests
{
    public static TheoryData<string> Projects() => new(Repository.SourceProjects().Select(Repository.Name));

    [Theory]
    [MemberData(nameof(Projects))]
    public void A_project_under_src_references_only_the_platform_and_contracts(string project)
    {
        var csproj = Repository.SourceProjects().Single(p => Repository.Name(p) == project);

        var forbidden = Repository.ProjectReferences(csproj)
            .Where(reference => !reference.EndsWith(".Contracts", StringComparison.Ordinal) && reference != "Mosaic.Platform")
            .ToList();

        Assert.True(forbidden.Count == 0, $"{project} references {string.Join(", ", forbidden)}: reference the other service's *.Contracts project instead.");
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void A_contracts_project_references_only_other_contracts(string project)
    {
        if (!project.EndsWith(".Contracts", StringComparison.Ordinal)) return;
        var csproj = Repository.SourceProjects().Single(p => Repository.Name(p) == project);

        Assert.All(Repository.ProjectReferences(csproj), reference => Assert.EndsWith(".Contracts", reference, StringComparison.Ordinal));
        Assert.DoesNotContain("PackageReference", File.ReadAllText(csproj), StringComparison.Ordinal);
    }

    [Fact]
    public void The_platform_references_no_service()
    {
        var platform = Repository.SourceProjects().Single(p => Repository.Name(p) == "Mosaic.Platform");

        Assert.Empty(Repository.ProjectReferences(platform));
    }

    [Fact]
    public void Every_service_folder_has_its_implementation_and_contracts_project()
    {
        foreach (var folder in Repository.ServiceFolders())
        {
            var name = Path.GetFileName(folder);
            Assert.True(File.Exists(Path.Combine(folder, $"Mosaic.{name}", $"Mosaic.{name}.csproj")), $"src/Services/{name} has no Mosaic.{name} project.");
            Assert.True(File.Exists(Path.Combine(folder, $"Mosaic.{name}.Contracts", $"Mosaic.{name}.Contracts.csproj")), $"src/Services/{name} has no Mosaic.{name}.Contracts project.");
        }
    }

    [Fact]
    public async Task The_build_itself_refuses_a_reference_to_another_services_implementation()
    {
        var scratch = Directory.CreateTempSubdirectory("mosaic-boundary-").FullName;
        try
        {
            File.Copy(Path.Combine(Repository.Root, "Directory.Build.props"), Path.Combine(scratch, "Directory.Build.props"));
            File.Copy(Path.Combine(Repository.Root, "Directory.Packages.props"), Path.Combine(scratch, "Directory.Packages.props"));
            Directory.CreateDirectory(Path.Combine(scratch, "src", "Orders"));
            Directory.CreateDirectory(Path.Combine(scratch, "src", "Catalog"));
            await File.WriteAllTextAsync(Path.Combine(scratch, "src", "Catalog", "Mosaic.Catalog.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\"></Project>", TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(Path.Combine(scratch, "src", "Orders", "Mosaic.Orders.csproj"),
                "<Project Sdk=\"Microsoft.NET.Sdk\"><ItemGroup><ProjectReference Include=\"../Catalog/Mosaic.Catalog.csproj\" /></ItemGroup></Project>",
                TestContext.Current.CancellationToken);

            var (exitCode, output) = await Dotnet.RunAsync(scratch, "build", "src/Orders/Mosaic.Orders.csproj", "-nologo", "--artifacts-path", Path.Combine(scratch, "artifacts"));

            Assert.NotEqual(0, exitCode);
            Assert.Contains("Mosaic.Orders references Mosaic.Catalog", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
