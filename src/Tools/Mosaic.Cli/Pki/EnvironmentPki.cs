using System.Numerics;
using System.Security.Cryptography.X509Certificates;
using Mosaic.Cli.CommandLine;
using Mosaic.Cli.Servers;
using Mosaic.Cli.Workspace;
using Mosaic.Platform.Certificates;
using Mosaic.Platform.Manifest;

namespace Mosaic.Cli.Pki;

/// <summary>
/// An environment's certificate authority and the certificates it issued, under <c>.mosaic/ENV/pki/</c>:
/// created on first use, never committed. Every service in the manifest, and <c>mosaic</c> itself, gets a
/// short-lived certificate naming <c>spiffe://TRUST-DOMAIN/ENV/NAME</c>; one is renewed once a third of
/// its life is left (or when it was issued by another authority), and a revoked one goes into the CRL
/// that every service reloads.
/// </summary>
public sealed class EnvironmentPki
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(24);
    public static readonly TimeSpan AuthorityLifetime = TimeSpan.FromDays(365);

    private readonly MosaicWorkspace workspace;
    private readonly TimeProvider clock;

    public EnvironmentPki(MosaicWorkspace workspace, SystemManifest manifest, TimeProvider clock)
    {
        this.workspace = workspace;
        this.clock = clock;
        TrustDomain = manifest.Name;
        Identities = [.. manifest.Services.Keys.Order(StringComparer.Ordinal), PeerVerifier.OperatorIdentity];
        Directory = PkiDirectory.InStateDirectory(workspace.StateDirectory);
    }

    public PkiDirectory Directory { get; }

    public string TrustDomain { get; }

    /// <summary>Every name that gets a certificate: the manifest's services and <c>mosaic</c>.</summary>
    public IReadOnlyList<string> Identities { get; }

    public SpiffeId IdOf(string name) => new(TrustDomain, workspace.Environment, name);

    /// <summary>The authority, created (once, even when two commands race) if the environment has none.</summary>
    public CertificateAuthority Authority()
    {
        using (Lock()) return LoadOrCreateAuthority();
    }

    /// <summary>Issues <paramref name="name"/> a new certificate now and writes it with its key.</summary>
    public X509Certificate2 Issue(string name, TimeSpan lifetime)
    {
        using (Lock()) return IssueLocked(name, lifetime);
    }

    private X509Certificate2 IssueLocked(string name, TimeSpan lifetime)
    {
        using var authority = LoadOrCreateAuthority();
        var now = clock.GetUtcNow();
        var certificate = authority.Issue(IdOf(name), now, now + lifetime);
        Directory.WriteIdentity(name, certificate);
        return certificate;
    }

    /// <summary>Issues a certificate to every identity whose certificate is missing, in its last third, or from another authority; returns their names.</summary>
    public IReadOnlyList<string> RenewDue(TimeSpan lifetime)
    {
        using var held = Lock();
        using var authority = LoadOrCreateAuthority();
        var renewed = new List<string>();
        foreach (var name in Identities)
        {
            if (!IsDue(name, authority.Certificate)) continue;
            IssueLocked(name, lifetime).Dispose();
            renewed.Add(name);
        }
        return renewed;
    }

    /// <summary>Adds <paramref name="name"/>'s current certificate to the revocation list; returns its serial number.</summary>
    public string Revoke(string name)
    {
        using var held = Lock();
        var path = Directory.CertificateOf(name);
        if (!File.Exists(path)) throw new CliException($"{name} has no certificate in {workspace.Display(Directory.Path)} to revoke.");
        using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(path));
        using var authority = LoadOrCreateAuthority();
        var revoked = RevokedSerials(authority.Certificate);
        revoked.Add(certificate.SerialNumber);
        var now = clock.GetUtcNow();
        var crl = authority.RevocationList(revoked, new BigInteger(revoked.Count), now, now + AuthorityLifetime);
        // Replaced in one step: a service reading it sees the old list or the new one.
        var written = $"{Directory.RevocationList}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(written, crl);
        File.Move(written, Directory.RevocationList, overwrite: true);
        return certificate.SerialNumber;
    }

    /// <summary>Makes sure the operator's own identity (<c>mosaic</c>'s, for its calls to the services' APIs) is current, leaving the services' alone.</summary>
    public void EnsureOperatorCertificate()
    {
        using var held = Lock();
        using var authority = LoadOrCreateAuthority();
        if (IsDue(PeerVerifier.OperatorIdentity, authority.Certificate)) IssueLocked(PeerVerifier.OperatorIdentity, DefaultLifetime).Dispose();
    }

    /// <summary>One <c>mosaic</c> at a time reads and writes the folder, so a certificate is never paired with another's key.</summary>
    private IDisposable Lock()
    {
        System.IO.Directory.CreateDirectory(Directory.Path);
        return PrivateFile.Lock(Path.Combine(Directory.Path, ".lock"), TimeSpan.FromSeconds(10));
    }

    /// <summary>
    /// The authority, made anew when there is none or it has less than a month left (every certificate is then
    /// issued again, since <see cref="IsDue"/> sees another issuer); the old revocation list goes with the old authority.
    /// </summary>
    private CertificateAuthority LoadOrCreateAuthority()
    {
        if (!SpiffeId.IsValidTrustDomain(TrustDomain))
            throw new CliException($"mosaic.yaml's name '{TrustDomain}' cannot be a trust domain: use lower-case letters, digits, '-', '.' and '_'.");
        if (!File.Exists(Directory.AuthorityCertificate) || !File.Exists(Directory.AuthorityKey) || AuthorityEndsSoon())
        {
            using var created = CertificateAuthority.Create(TrustDomain, workspace.Environment, clock.GetUtcNow(), AuthorityLifetime);
            PrivateFile.Replace(Directory.AuthorityKey, created.KeyPem());
            PrivateFile.Replace(Directory.AuthorityCertificate, created.CertificatePem());
            File.Delete(Directory.RevocationList);
        }
        try
        {
            return CertificateAuthority.FromPem(File.ReadAllText(Directory.AuthorityCertificate), File.ReadAllText(Directory.AuthorityKey));
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new CliException($"The certificate authority in {workspace.Display(Directory.Path)} cannot be read ({e.Message}): delete that folder to start a new one (every certificate is issued again).", e);
        }
    }

    private bool AuthorityEndsSoon()
    {
        try
        {
            using var authority = X509Certificate2.CreateFromPem(File.ReadAllText(Directory.AuthorityCertificate));
            return authority.NotAfter.ToUniversalTime() - clock.GetUtcNow().UtcDateTime < TimeSpan.FromDays(30);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false; // reported, with what to do, when it is loaded
        }
    }

    private HashSet<string> RevokedSerials(X509Certificate2 authority) =>
        File.Exists(Directory.RevocationList)
            ? RevocationList.Parse(File.ReadAllBytes(Directory.RevocationList), authority).Serials.ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);

    private bool IsDue(string name, X509Certificate2 authority)
    {
        var path = Directory.CertificateOf(name);
        if (!File.Exists(path) || !File.Exists(Directory.KeyOf(name))) return true;
        try
        {
            using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(path));
            // A revoked certificate is replaced at once: every peer refuses it.
            if (RevokedSerials(authority).Contains(certificate.SerialNumber)) return true;
            var now = clock.GetUtcNow().UtcDateTime;
            var remaining = certificate.NotAfter.ToUniversalTime() - now;
            var life = certificate.NotAfter - certificate.NotBefore;
            return remaining < life / 3 || certificate.Issuer != authority.Subject
                || !certificate.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().Any(aki =>
                    aki.KeyIdentifier?.Span.SequenceEqual(authority.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifierBytes.Span) == true);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return true;
        }
    }
}
