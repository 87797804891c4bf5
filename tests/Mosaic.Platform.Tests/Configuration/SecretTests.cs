using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Mosaic.Platform.Configuration;

namespace Mosaic.Platform.Tests.Configuration;

public sealed class SecretTests
{
    [Fact]
    public void A_secret_binds_from_configuration_and_shows_only_a_mask()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ApiKey"] = "hunter2-value" }).Build();
        var settings = configuration.Get<DemoSettings>()!;

        Assert.Equal("hunter2-value", settings.ApiKey!.Reveal());
        Assert.Equal("***", settings.ApiKey.ToString());
        Assert.Equal("key ***", $"key {settings.ApiKey}");
        Assert.DoesNotContain("hunter2", JsonSerializer.Serialize(settings), StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_matches_only_its_own_value()
    {
        var secret = new Secret("right");
        Assert.True(secret.Matches("right"));
        Assert.False(secret.Matches("wrong"));
        Assert.False(secret.Matches(null));
    }
}
