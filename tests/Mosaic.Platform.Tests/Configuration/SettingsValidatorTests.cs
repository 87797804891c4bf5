using Microsoft.Extensions.Configuration;
using Mosaic.Platform.Configuration;

namespace Mosaic.Platform.Tests.Configuration;

public sealed class SettingsValidatorTests
{
    private static IReadOnlyList<SettingsProblem> Validate(Dictionary<string, string?> values)
    {
        var all = new Dictionary<string, string?>
        {
            ["Demo:Settings:ApiKey"] = "s3cr3t-value",
            ["Demo:Settings:Nested:Host"] = "example.org",
        };
        foreach (var (key, value) in values) all[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();
        return SettingsValidator.Validate(configuration, [new SettingsDeclaration(DemoSettings.Section, typeof(DemoSettings))]);
    }

    [Fact]
    public void Valid_settings_have_no_problem() => Assert.Empty(Validate([]));

    [Theory]
    [InlineData("Demo:Settings:Limit", "many")]
    [InlineData("Demo:Settings:Timeout", "ten seconds")]
    [InlineData("Demo:Settings:Enabled", "yes please")]
    [InlineData("Demo:Settings:Mode", "Reckless")]
    [InlineData("Demo:Settings:Enabled", "")]
    public void A_value_of_the_wrong_type_names_its_key(string key, string value)
    {
        var problem = Assert.Single(Validate(new() { [key] = value }));
        Assert.Equal(key, problem.Key);
    }

    [Theory]
    [InlineData("Demo:Settings:Limit", "1000")]
    [InlineData("Demo:Settings:Timeout", "01:00:00")]
    [InlineData("Demo:Settings:Currency", "euro")]
    public void A_value_out_of_its_rules_names_its_key(string key, string value)
    {
        var problem = Assert.Single(Validate(new() { [key] = value }));
        Assert.Equal(key, problem.Key);
    }

    [Fact]
    public void A_rule_of_a_nested_settings_object_is_checked_too()
    {
        var problem = Assert.Single(Validate(new() { ["Demo:Settings:Nested:Host"] = null }));
        Assert.Equal("Demo:Settings:Nested:Host", problem.Key);
    }

    [Fact]
    public void A_problem_never_repeats_the_value()
    {
        var problem = Assert.Single(Validate(new() { ["Demo:Settings:Limit"] = "p4ssw0rd-pasted-here" }));
        Assert.DoesNotContain("p4ssw0rd", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_required_secret_names_its_key()
    {
        var problem = Assert.Single(Validate(new() { ["Demo:Settings:ApiKey"] = null }));
        Assert.Equal("Demo:Settings:ApiKey", problem.Key);
    }
}
