using Mosaic.Platform.Manifest;

namespace Mosaic.Platform.Tests.Manifest;

public class ManifestLoaderTests
{
    private const string Valid = """
        name: shop
        services:
          identity:
            project: src/Services/Identity/Mosaic.Identity
            port: 7100
            managementPort: 7150
          catalog:
            project: src/Services/Catalog/Mosaic.Catalog
            port: 7200
            managementPort: 7250
            instances: 2
            dependsOn: [identity]
          gateway:
            project: src/Gateway/Mosaic.Gateway
            port: 8080
            managementPort: 8090
            dependsOn: [catalog, identity]
        routes:
          - prefix: /api/catalog/
            service: catalog
            anonymous: [GET /products]
        """;

    [Fact]
    public void Instances_get_consecutive_ports_and_ids()
    {
        var manifest = ManifestLoader.Parse(Valid, "/repo");

        var catalog = manifest.GetService("catalog").AllInstances().ToList();

        Assert.Equal(["catalog-0", "catalog-1"], catalog.Select(i => i.Id));
        Assert.Equal([7200, 7201], catalog.Select(i => i.Port));
        Assert.Equal([7250, 7251], catalog.Select(i => i.ManagementPort));
        Assert.Equal("Mosaic.Catalog", manifest.GetService("catalog").AssemblyName);
        Assert.Equal("/api/catalog", manifest.Routes[0].Prefix);
    }

    [Fact]
    public void Start_order_puts_dependencies_first()
    {
        var order = ManifestLoader.Parse(Valid, "/repo").StartOrder().Select(s => s.Name).ToList();

        Assert.Equal(["identity", "catalog", "gateway"], order);
    }

    [Theory]
    [InlineData("managementPort: 7250\n    instances: 2", "managementPort: 7100\n    instances: 2", "port 7100 is used by both")]
    [InlineData("dependsOn: [identity]", "dependsOn: [billing]", "names 'billing', which is not a service")]
    [InlineData("service: catalog", "service: orders", "goes to 'orders', which is not a service")]
    [InlineData("instances: 2", "instances: 0", "instances is 0")]
    [InlineData("port: 7200", "port: 70000", "services.catalog.port' must be a port")]
    public void Mistakes_are_reported_as_sentences_naming_the_key(string replace, string with, string expected)
    {
        var yaml = Valid.Replace(replace, with, StringComparison.Ordinal);

        var error = Assert.Throws<ManifestException>(() => ManifestLoader.Parse(yaml, "/repo"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_route_without_a_service_path_cuts_the_prefix_off_and_one_with_it_keeps_it_without_a_trailing_slash()
    {
        var withServicePath = Valid.Replace("service: catalog\n", "service: catalog\n    servicePath: /catalog/v1/\n", StringComparison.Ordinal);

        Assert.Equal("", ManifestLoader.Parse(Valid, "/repo").Routes[0].ServicePath);
        Assert.Equal("/catalog/v1", ManifestLoader.Parse(withServicePath, "/repo").Routes[0].ServicePath);
    }

    [Theory]
    [InlineData("catalog")]
    [InlineData("/cat alog")]
    [InlineData("/catalog?x=1")]
    [InlineData("/caf%C3%A9")]
    [InlineData("/catalog//v1")]
    [InlineData("/catalog/../identity")]
    [InlineData("/./catalog")]
    public void A_service_path_that_is_not_a_plain_absolute_path_is_refused_naming_the_route(string servicePath)
    {
        var yaml = Valid.Replace("service: catalog\n", $"service: catalog\n    servicePath: '{servicePath}'\n", StringComparison.Ordinal);

        var error = Assert.Throws<ManifestException>(() => ManifestLoader.Parse(yaml, "/repo"));

        Assert.Contains("route '/api/catalog' has servicePath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dependency_cycle_is_refused()
    {
        var yaml = Valid.Replace("project: src/Services/Identity/Mosaic.Identity", "project: src/Services/Identity/Mosaic.Identity\n    dependsOn: [gateway]", StringComparison.Ordinal);

        var error = Assert.Throws<ManifestException>(() => ManifestLoader.Parse(yaml, "/repo"));

        Assert.Contains("cycle", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_service_keeps_data_of_its_own_unless_it_says_database_false()
    {
        var yaml = Valid.Replace("port: 8080", "port: 8080\n    database: false", StringComparison.Ordinal);

        var manifest = ManifestLoader.Parse(yaml, "/repo");

        Assert.True(manifest.GetService("catalog").Database);
        Assert.False(manifest.GetService("gateway").Database);
    }

    [Fact]
    public void Broken_yaml_names_the_line()
    {
        var error = Assert.Throws<ManifestException>(() => ManifestLoader.Parse("services:\n  a: [unclosed", "/repo"));

        Assert.StartsWith("mosaic.yaml line", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_repository_manifest_is_valid()
    {
        var path = ManifestLoader.Find(Path.GetDirectoryName(ThisFile())!);
        Assert.NotNull(path);

        var manifest = ManifestLoader.Load(path);

        Assert.Contains("gateway", manifest.Services.Keys);
        Assert.All(manifest.Routes, route => Assert.True(manifest.Services.ContainsKey(route.Service)));
        Assert.Equal("/orders", Assert.Single(manifest.Routes, r => r.Prefix == "/api/orders").ServicePath);
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
}
