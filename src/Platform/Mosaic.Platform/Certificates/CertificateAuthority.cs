using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Mosaic.Platform.Certificates;

/// <summary>
/// An environment's certificate authority: an ECDSA P-256 root that issues each identity a short-lived
/// certificate whose only identity is its SPIFFE URI, and signs the list of revoked serial numbers.
/// Only <c>mosaic</c> holds it; services hold nothing but its certificate.
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    private CertificateAuthority(X509Certificate2 certificate) => Certificate = certificate;

    /// <summary>The root, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    public static CertificateAuthority Create(string trustDomain, string environment, DateTimeOffset now, TimeSpan lifetime)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN=Mosaic {environment} CA, O={trustDomain}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return new CertificateAuthority(request.CreateSelfSigned(now.AddMinutes(-5), now + lifetime));
    }

    public static CertificateAuthority FromPem(string certificatePem, string keyPem) =>
        new(X509Certificate2.CreateFromPem(certificatePem, keyPem));

    /// <summary>A certificate for <paramref name="id"/>, valid from a little before <paramref name="notBefore"/> (clock skew) until <paramref name="notAfter"/>.</summary>
    public X509Certificate2 Issue(SpiffeId id, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={id.Service}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddUri(id.Uri);
        // The SPIFFE ID is the identity; these names only let tools such as curl --cacert check the host they dialled.
        names.AddDnsName(id.Service);
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build(critical: true));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuthentication, ClientAuthentication], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));

        // A certificate never outlives, nor predates, the authority that signs it.
        var rootNotBefore = new DateTimeOffset(Certificate.NotBefore.ToUniversalTime());
        var rootNotAfter = new DateTimeOffset(Certificate.NotAfter.ToUniversalTime());
        var from = notBefore.AddMinutes(-5) > rootNotBefore ? notBefore.AddMinutes(-5) : rootNotBefore;
        using var issued = request.Create(Certificate, from, notAfter < rootNotAfter ? notAfter : rootNotAfter, RandomSerialNumber());
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>A signed CRL naming <paramref name="revokedSerials"/> (hex serial numbers).</summary>
    public byte[] RevocationList(IEnumerable<string> revokedSerials, BigInteger number, DateTimeOffset now, DateTimeOffset nextUpdate)
    {
        var builder = new CertificateRevocationListBuilder();
        foreach (var serial in revokedSerials) builder.AddEntry(Convert.FromHexString(serial), now);
        return builder.Build(Certificate, number, nextUpdate, HashAlgorithmName.SHA256, thisUpdate: now);
    }

    public string CertificatePem() => Certificate.ExportCertificatePem();

    public string KeyPem() => Certificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem();

    public void Dispose() => Certificate.Dispose();

    private static byte[] RandomSerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // positive
        serial[0] |= 0x01; // and no leading zero byte, so its hex form round-trips
        return serial;
    }
}
