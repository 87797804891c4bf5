using System.Text.Json;
using Mosaic.Platform.Configuration;

namespace Mosaic.Platform.Tests.Configuration;

public sealed class ConfigSchemaTests
{
    private static JsonElement Schema() =>
        JsonDocument.Parse(ConfigSchema.Generate("demo", [new SettingsDeclaration(DemoSettings.Section, typeof(DemoSettings))])).RootElement;

    private static JsonElement Settings() =>
        Schema().GetProperty("properties").GetProperty("Demo").GetProperty("properties").GetProperty("Settings");

    private static JsonElement Property(string name) => Settings().GetProperty("properties").GetProperty(name);

    [Fact]
    public void Sections_nest_as_closed_objects()
    {
        var root = Schema();
        Assert.Equal("mosaic:config/demo", root.GetProperty("$id").GetString());
        Assert.False(root.GetProperty("additionalProperties").GetBoolean());
        Assert.Equal("object", Settings().GetProperty("type").GetString());
        Assert.False(Settings().GetProperty("additionalProperties").GetBoolean());
    }

    [Fact]
    public void Leaves_carry_their_type_bounds_pattern_and_default()
    {
        Assert.Equal("integer", Property("Limit").GetProperty("type").GetString());
        Assert.Equal(1, Property("Limit").GetProperty("minimum").GetInt32());
        Assert.Equal(100, Property("Limit").GetProperty("maximum").GetInt32());
        Assert.Equal(10, Property("Limit").GetProperty("default").GetInt32());

        Assert.Equal("duration", Property("Timeout").GetProperty("format").GetString());
        Assert.Equal("00:00:01", Property("Timeout").GetProperty("x-minimum").GetString());
        Assert.Equal("00:10:00", Property("Timeout").GetProperty("x-maximum").GetString());
        Assert.Equal("00:00:30", Property("Timeout").GetProperty("default").GetString());

        Assert.Equal("^[A-Z]{3}$", Property("Currency").GetProperty("pattern").GetString());
        Assert.Equal("boolean", Property("Enabled").GetProperty("type").GetString());
        Assert.Equal("number", Property("Ratio").GetProperty("type").GetString());
        Assert.Equal(["Fast", "Careful"], Property("Mode").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("array", Property("Names").GetProperty("type").GetString());
        Assert.Equal("string", Property("Names").GetProperty("items").GetProperty("type").GetString());
    }

    [Fact]
    public void A_secret_is_marked_and_never_given_a_default()
    {
        Assert.True(Property("ApiKey").GetProperty("x-secret").GetBoolean());
        Assert.False(Property("ApiKey").TryGetProperty("default", out _));
    }

    [Fact]
    public void Required_lists_only_what_has_no_default()
    {
        Assert.Equal(["ApiKey"], Settings().GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["Host"], Property("Nested").GetProperty("required").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void The_text_does_not_depend_on_the_order_settings_were_declared_in()
    {
        SettingsDeclaration demo = new(DemoSettings.Section, typeof(DemoSettings)), nested = new("Demo:Other", typeof(DemoNested));
        Assert.Equal(ConfigSchema.Generate("demo", [demo, nested]), ConfigSchema.Generate("demo", [nested, demo]));
        Assert.EndsWith("}\n", ConfigSchema.Generate("demo", [demo]), StringComparison.Ordinal);
    }
}
