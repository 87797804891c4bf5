using System.Runtime.Versioning;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using Mosaic.Identity.Keys;
using Mosaic.Identity.Tests.Support;

namespace Mosaic.Identity.Tests.Keys;

public sealed class SigningKeyStoreTests : IDisposable
{
    private readonly TempDirectory state = new();

    private string KeyFolder => Path.Combine(state.Path, "keys");

    public void Dispose() => state.Dispose();

    [Fact]
    public void Makes_a_P256_key_on_first_use_and_loads_the_same_key_afterwards()
    {
        string firstKid;
        using (var first = SigningKeyStore.LoadOrCreate(KeyFolder)) firstKid = first.KeyId;
        using var second = SigningKeyStore.LoadOrCreate(KeyFolder);

        Assert.Equal(firstKid, second.KeyId);
        Assert.Equal(["identity-signing.pem"], Directory.GetFiles(KeyFolder).Select(Path.GetFileName));
        // The file holds the private key as PEM: it imports as a P-256 signing key.
        using (var stored = System.Security.Cryptography.ECDsa.Create())
        {
            stored.ImportFromPem(File.ReadAllText(Path.Combine(KeyFolder, SigningKeyStore.FileName)));
            Assert.Equal(256, stored.KeySize);
            Assert.NotEmpty(stored.ExportECPrivateKey());
        }
        Assert.Equal(("EC", "P-256", "ES256", "sig"), (second.PublicJwk.Kty, second.PublicJwk.Crv, second.PublicJwk.Alg, second.PublicJwk.Use));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void Key_file_is_readable_by_the_owner_only()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes only.");
        using var key = SigningKeyStore.LoadOrCreate(KeyFolder);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(KeyFolder, SigningKeyStore.FileName)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(KeyFolder));
    }

    [Fact]
    public async Task Instances_starting_together_all_end_up_with_one_key()
    {
        using var start = new ManualResetEventSlim();
        var racers = Enumerable.Range(0, 16).Select(_ => Task.Run(() =>
        {
            start.Wait(TestContext.Current.CancellationToken);
            using var key = SigningKeyStore.LoadOrCreate(KeyFolder);
            return key.KeyId;
        }, TestContext.Current.CancellationToken)).ToList();
        start.Set();

        var kids = await Task.WhenAll(racers);

        Assert.Single(kids.Distinct());
        Assert.Equal([SigningKeyStore.FileName], Directory.GetFiles(KeyFolder).Select(Path.GetFileName));
    }

    [Fact]
    public void Key_id_is_the_RFC_7638_thumbprint_of_the_public_key()
    {
        using var key = SigningKeyStore.LoadOrCreate(KeyFolder);
        var jwk = new JsonWebKey { Kty = "EC", Crv = "P-256", X = key.PublicJwk.X, Y = key.PublicJwk.Y };
        Assert.Equal(Base64UrlEncoder.Encode(jwk.ComputeJwkThumbprint()), key.KeyId);
        Assert.Equal(key.KeyId, key.PublicJwk.Kid);
    }

    [Fact]
    public void A_damaged_key_file_stops_the_start_with_a_sentence_naming_the_file()
    {
        Directory.CreateDirectory(KeyFolder);
        var path = Path.Combine(KeyFolder, SigningKeyStore.FileName);
        File.WriteAllText(path, "not a key");

        var error = Assert.Throws<InvalidOperationException>(() => SigningKeyStore.LoadOrCreate(KeyFolder));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_keys_on_other_curves()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        Assert.Throws<ArgumentException>(() => new SigningKey(p384));
    }
}
