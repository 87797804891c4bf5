using Mosaic.Cli.Environments.Loading;
using Mosaic.Cli.Environments.Validation;
using Mosaic.Platform.Manifest;

namespace Mosaic.Cli.Tests.Environments;

/// <summary>The environments committed in this repository check out against the services' committed schemas: a bad value fails CI.</summary>
public sealed class RepositoryEnvironmentsTests
{
    public static TheoryData<string> Environments() => new(EnvironmentPaths.Environments(CheckoutRoot.Path));

    [Theory]
    [MemberData(nameof(Environments))]
    public void The_committed_environment_validates(string environment)
    {
        var manifest = ManifestLoader.Load(Path.Combine(CheckoutRoot.Path, ManifestLoader.FileName));
        var validator = new EnvironmentValidator(new WorkingTreeSource(CheckoutRoot.Path), manifest.Services.Keys.ToList());

        var problems = validator.Validate(environment);

        Assert.Empty(problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Dev_staging_and_prod_are_there() =>
        Assert.Equal(["dev", "prod", "staging"], EnvironmentPaths.Environments(CheckoutRoot.Path));
}
