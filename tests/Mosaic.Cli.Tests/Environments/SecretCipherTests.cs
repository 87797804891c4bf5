using System.Security.Cryptography;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Environments.Secrets;

namespace Mosaic.Cli.Tests.Environments;

public class SecretCipherTests
{
    private static EnvironmentKey NewKey(string environment) => new(environment, RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void A_value_decrypts_with_its_key_under_its_name_and_is_stored_in_the_v1_form()
    {
        var key = NewKey("prod");

        var stored = SecretCipher.Encrypt(key, "api-key", new Secret("s3cret value"));

        Assert.StartsWith("v1:", stored);
        Assert.DoesNotContain("s3cret", stored);
        Assert.Equal(12 + "s3cret value".Length + 16, Convert.FromBase64String(stored[3..]).Length);
        Assert.Equal("s3cret value", SecretCipher.Decrypt(key, "api-key", stored).Reveal());
        Assert.NotEqual(stored, SecretCipher.Encrypt(key, "api-key", new Secret("s3cret value")));
    }

    [Fact]
    public void A_wrong_key_a_tampered_value_or_a_value_copied_to_another_name_or_environment_fails_with_a_sentence()
    {
        var key = NewKey("prod");
        var stored = SecretCipher.Encrypt(key, "api-key", new Secret("s3cret"));
        var bytes = Convert.FromBase64String(stored[3..]);
        bytes[14] ^= 1;
        var tampered = "v1:" + Convert.ToBase64String(bytes);

        var failures = new[]
        {
            Assert.Throws<CliException>(() => SecretCipher.Decrypt(NewKey("prod"), "api-key", stored)),
            Assert.Throws<CliException>(() => SecretCipher.Decrypt(key, "api-key", tampered)),
            Assert.Throws<CliException>(() => SecretCipher.Decrypt(key, "other-key", stored)),
            Assert.Throws<CliException>(() => SecretCipher.Decrypt(new EnvironmentKey("staging", key.Bytes), "api-key", stored)),
            Assert.Throws<CliException>(() => SecretCipher.Decrypt(key, "api-key", "not stored at all")),
        };

        Assert.All(failures, f => Assert.Contains("does not decrypt: the key is wrong, or the stored value was changed or copied", f.Message));
        Assert.All(failures, f => Assert.DoesNotContain("s3cret", f.Message));
    }

    [Fact]
    public void A_secret_prints_as_stars_in_text_and_json()
    {
        var secret = new Secret("hunter2");

        Assert.Equal("***", secret.ToString());
        Assert.Equal("***", $"{secret}");
        Assert.Equal("""{"value":"***"}""", System.Text.Json.JsonSerializer.Serialize(new { value = secret }));
        Assert.Equal("hunter2", secret.Reveal());
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_key_comes_from_the_variable_first_then_the_file_and_only_dev_is_made_on_first_use()
    {
        using var fixture = new EnvironmentFixture(withSchemas: false);
        var keys = new EnvironmentKeys(fixture.Root, fixture.Variable);

        Assert.Null(keys.Find("prod"));
        var missing = Assert.Throws<CliException>(() => keys.Require("prod"));
        Assert.Equal("no key for 'prod': set MOSAIC_ENV_KEY_PROD or run ./mosaic env key create --env prod", missing.Message);
        Assert.False(File.Exists(keys.FilePath("prod")));

        var dev = keys.Find("dev");
        Assert.NotNull(dev);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keys.FilePath("dev")));

        fixture.GiveKey("pre-prod");
        Assert.Equal("MOSAIC_ENV_KEY_PRE_PROD", EnvironmentKeys.VariableName("pre-prod"));
        Assert.NotNull(keys.Find("pre-prod"));

        fixture.Variables["MOSAIC_ENV_KEY_QA"] = "dG9vIHNob3J0";
        Assert.Equal("MOSAIC_ENV_KEY_QA does not hold a key for 'qa': it must be 32 bytes in base64.", Assert.Throws<CliException>(() => keys.Find("qa")).Message);
    }
}
