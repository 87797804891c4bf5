using System.Security.Cryptography.X509Certificates;
using Mosaic.Cli.Pki;
using Mosaic.Cli.Tests.Support;
using Mosaic.Platform.Certificates;

namespace Mosaic.Cli.Tests.Pki;

public sealed class EnvironmentPkiTests
{
    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void The_first_run_creates_the_authority_and_issues_every_service_and_mosaic_a_certificate_with_its_spiffe_id()
    {
        using var workspace = TempWorkspace.WithServices("catalog", "orders");
        var pki = new EnvironmentPki(workspace.Workspace("dev"), workspace.Manifest, TimeProvider.System);

        var issued = pki.RenewDue(EnvironmentPki.DefaultLifetime);

        Assert.Equal(["catalog", "orders", "mosaic"], issued);
        using var catalog = X509Certificate2.CreateFromPemFile(pki.Directory.CertificateOf("catalog"), pki.Directory.KeyOf("catalog"));
        Assert.Equal(new SpiffeId("test", "dev", "catalog"), SpiffeId.FromCertificate(catalog));
        Assert.True(catalog.HasPrivateKey);
        Assert.InRange(catalog.NotAfter.ToUniversalTime() - DateTime.UtcNow, TimeSpan.FromHours(23), TimeSpan.FromHours(24.1));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(pki.Directory.KeyOf("catalog")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(pki.Directory.AuthorityKey));
        Assert.Empty(pki.RenewDue(EnvironmentPki.DefaultLifetime));
    }

    [Fact]
    public void A_certificate_in_the_last_third_of_its_life_is_renewed_and_the_others_are_left_alone()
    {
        using var workspace = TempWorkspace.WithServices("catalog", "orders");
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var pki = new EnvironmentPki(workspace.Workspace("dev"), workspace.Manifest, clock);
        pki.RenewDue(TimeSpan.FromHours(24));
        clock.Now += TimeSpan.FromHours(12);
        pki.Issue("orders", TimeSpan.FromHours(24)).Dispose();

        clock.Now += TimeSpan.FromHours(4.5);
        var renewed = pki.RenewDue(TimeSpan.FromHours(24));

        Assert.Equal(["catalog", "mosaic"], renewed);
    }

    [Fact]
    public void Certificates_from_an_earlier_authority_are_issued_again()
    {
        using var workspace = TempWorkspace.WithServices("catalog");
        var pki = new EnvironmentPki(workspace.Workspace("dev"), workspace.Manifest, TimeProvider.System);
        pki.RenewDue(EnvironmentPki.DefaultLifetime);
        File.Delete(pki.Directory.AuthorityCertificate);
        File.Delete(pki.Directory.AuthorityKey);

        Assert.Equal(["catalog", "mosaic"], pki.RenewDue(EnvironmentPki.DefaultLifetime));
    }

    [Fact]
    public void A_revoked_certificate_is_in_the_signed_revocation_list_and_earlier_revocations_stay()
    {
        using var workspace = TempWorkspace.WithServices("catalog", "orders");
        var pki = new EnvironmentPki(workspace.Workspace("dev"), workspace.Manifest, TimeProvider.System);
        pki.RenewDue(EnvironmentPki.DefaultLifetime);

        var catalog = pki.Revoke("catalog");
        var orders = pki.Revoke("orders");

        using var authority = X509Certificate2.CreateFromPem(File.ReadAllText(pki.Directory.AuthorityCertificate));
        var list = RevocationList.Parse(File.ReadAllBytes(pki.Directory.RevocationList), authority);
        Assert.Equal(new[] { catalog, orders }.Order(StringComparer.Ordinal), list.Serials.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_revoked_certificate_is_issued_again_at_the_next_renewal()
    {
        using var workspace = TempWorkspace.WithServices("catalog", "orders");
        var pki = new EnvironmentPki(workspace.Workspace("dev"), workspace.Manifest, TimeProvider.System);
        pki.RenewDue(EnvironmentPki.DefaultLifetime);
        var revoked = pki.Revoke("catalog");

        Assert.Equal(["catalog"], pki.RenewDue(EnvironmentPki.DefaultLifetime));
        using var renewed = X509Certificate2.CreateFromPem(File.ReadAllText(pki.Directory.CertificateOf("catalog")));
        Assert.NotEqual(revoked, renewed.SerialNumber);
    }

    [Fact]
    public async Task Pki_commands_list_issue_and_revoke_with_sentences_and_refuse_an_unknown_name()
    {
        using var workspace = TempWorkspace.WithServices("catalog");

        Assert.Equal(0, await workspace.RunAsync("pki", "issue", "catalog", "-e", "dev", "--lifetime", "01:00:00"));
        Assert.Contains("issued spiffe://test/dev/catalog", workspace.AllOutput, StringComparison.Ordinal);
        Assert.Equal(0, await workspace.RunAsync("pki", "revoke", "catalog", "-e", "dev"));
        Assert.Equal(0, await workspace.RunAsync("pki", "list", "-e", "dev"));
        Assert.Contains("REVOKED", workspace.AllOutput, StringComparison.Ordinal);
        Assert.NotEqual(0, await workspace.RunAsync("pki", "issue", "stranger", "-e", "dev"));
        Assert.Contains("'stranger' is not an identity of this system; use one of catalog, mosaic.", workspace.AllOutput, StringComparison.Ordinal);
    }

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
