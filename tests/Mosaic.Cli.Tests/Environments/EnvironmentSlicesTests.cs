using System.Text.Json;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Environments.Loading;
using Mosaic.Cli.Environments.Secrets;
using Mosaic.Cli.Environments.Slices;

namespace Mosaic.Cli.Tests.Environments;

public class EnvironmentSlicesTests
{
    [Fact]
    public void A_slice_holds_only_the_services_own_keys_and_the_secrets_it_references()
    {
        using var fixture = new EnvironmentFixture();
        fixture.Write("environments/base.yaml", EnvironmentFixture.Base);
        fixture.Write("environments/prod.yaml", "shared:\n  region: eu-west\n");
        fixture.GiveKey("prod");
        fixture.SetSecret("prod", "provider-key", "pk-123");
        fixture.SetSecret("prod", "orders-signing", "os-456");

        var slice = EnvironmentSlices.Render(fixture.Root, "prod", "payments", fixture.Variable);

        Assert.Equal(["Payments:Provider:ApiKey", "Payments:Provider:Currency", "Payments:Provider:MaxAttempts"], slice.Keys);
        Assert.Equal("EUR", slice.Values["Payments:Provider:Currency"]);
        Assert.Equal("pk-123", slice.Secrets["Payments:Provider:ApiKey"].Reveal());
        Assert.Equal(["Payments:Provider:ApiKey"], slice.SecretKeys);
        Assert.DoesNotContain(slice.Keys, k => k.StartsWith("Orders", StringComparison.Ordinal));
        Assert.DoesNotContain("eu-west", slice.Values.Values);
        Assert.DoesNotContain(slice.Secrets.Values, s => s.Reveal() == "os-456");
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void The_written_slice_is_the_adr_json_readable_by_its_owner_only()
    {
        using var fixture = new EnvironmentFixture();
        fixture.Write("environments/base.yaml", EnvironmentFixture.Base);
        fixture.Write("environments/prod.yaml", "");
        fixture.GiveKey("prod");
        fixture.SetSecret("prod", "provider-key", "pk-123");
        var path = EnvironmentSlices.SlicePath(fixture.Root, "prod", "payments");

        EnvironmentSlices.Render(fixture.Root, "prod", "payments", fixture.Variable).WriteTo(path);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var root = json.RootElement;
        Assert.Equal("prod", root.GetProperty("environment").GetString());
        Assert.Equal("payments", root.GetProperty("service").GetString());
        Assert.Matches("^[0-9a-f]{12}$", root.GetProperty("version").GetString());
        Assert.Equal("pk-123", root.GetProperty("values").GetProperty("Payments:Provider:ApiKey").GetString());
        Assert.Equal("3", root.GetProperty("values").GetProperty("Payments:Provider:MaxAttempts").GetString());
        Assert.Equal(["Payments:Provider:ApiKey"], root.GetProperty("secrets").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public void The_version_follows_the_adr_hash_and_changes_with_any_value_but_not_with_a_re_read()
    {
        using var fixture = new EnvironmentFixture();
        fixture.Write("environments/base.yaml", EnvironmentFixture.Base);
        fixture.Write("environments/prod.yaml", "");
        fixture.GiveKey("prod");
        fixture.SetSecret("prod", "orders-signing", "os-456");
        var stored = SecretStore.Read(new WorkingTreeSource(fixture.Root), "prod").Stored("orders-signing");
        var lines = $"Orders:Currency=EUR\nOrders:Limit=5\nOrders:SigningKey={stored}\n";
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(lines)))[..12];

        var version = EnvironmentSlices.Version(fixture.Root, "prod", "orders", fixture.Variable);

        Assert.Equal(expected, version);
        Assert.Equal(version, EnvironmentSlices.Render(fixture.Root, "prod", "orders", fixture.Variable).Version);
        fixture.Write("environments/prod.yaml", "services:\n  orders:\n    Orders:\n      Limit: 6\n");
        Assert.NotEqual(version, EnvironmentSlices.Version(fixture.Root, "prod", "orders", fixture.Variable));
    }

    [Fact]
    public void Dev_secrets_are_generated_once_on_first_render_and_kept_on_the_machine()
    {
        using var fixture = new EnvironmentFixture();
        fixture.Write("environments/base.yaml", EnvironmentFixture.Base);
        fixture.Write("environments/dev.yaml", "");

        var first = EnvironmentSlices.Render(fixture.Root, "dev", "payments", fixture.Variable);
        var second = EnvironmentSlices.Render(fixture.Root, "dev", "payments", fixture.Variable);

        var generated = first.Secrets["Payments:Provider:ApiKey"].Reveal();
        Assert.Matches("^[A-Za-z0-9_-]{43}$", generated);
        Assert.Equal(generated, second.Secrets["Payments:Provider:ApiKey"].Reveal());
        Assert.Equal(first.Version, second.Version);
        Assert.True(File.Exists(Path.Combine(fixture.Root, ".mosaic/keys/dev.secrets.yaml")));
        Assert.False(Directory.Exists(Path.Combine(fixture.Root, "environments/secrets")));
    }

    [Fact]
    public void A_problem_in_the_services_section_stops_its_slice_but_not_another_services()
    {
        using var fixture = new EnvironmentFixture();
        fixture.Write("environments/base.yaml", "services:\n  orders:\n    Orders:\n      Limit: many\n  payments:\n    Payments:\n      Provider:\n        Currency: EUR\n");

        var failure = Assert.Throws<CliException>(() => EnvironmentSlices.Render(fixture.Root, "base", "orders", fixture.Variable));

        Assert.Equal("cannot render orders's slice of 'base': environments/base.yaml:4: wrong-type Orders:Limit is 'many'; it must be an integer; ./mosaic env validate --env base lists every problem.", failure.Message);
        Assert.Equal("EUR", EnvironmentSlices.Render(fixture.Root, "base", "payments", fixture.Variable).Values["Payments:Provider:Currency"]);
    }

    [Fact]
    public void A_missing_key_or_secret_outside_dev_is_a_sentence_to_act_on()
    {
        using var fixture = new EnvironmentFixture();
        fixture.Write("environments/base.yaml", EnvironmentFixture.Base);
        fixture.Write("environments/prod.yaml", "");
        fixture.Write("environments/secrets/prod.yaml", "provider-key: v1:AAAA\n");

        var noKey = Assert.Throws<CliException>(() => EnvironmentSlices.Render(fixture.Root, "prod", "payments", fixture.Variable));
        var notSet = Assert.Throws<CliException>(() => EnvironmentSlices.Render(fixture.Root, "prod", "orders", fixture.Variable));

        Assert.Equal("no key for 'prod': set MOSAIC_ENV_KEY_PROD or run ./mosaic env key create --env prod", noKey.Message);
        Assert.StartsWith("cannot render orders's slice of 'prod': environments/base.yaml:13: secret-not-set Orders:SigningKey references secret 'orders-signing'", notSet.Message);
    }
}
