using System.Security.Cryptography.X509Certificates;

namespace Mosaic.Platform.Certificates;

/// <summary>
/// Where an environment's certificates live: <c>.mosaic/ENV/pki/</c> holds <c>ca.crt</c> (the trust anchor
/// every service checks peers against), <c>ca.key</c> (only <c>mosaic</c> reads it), <c>ca.crl</c> (revoked
/// serial numbers) and <c>NAME.crt</c> / <c>NAME.key</c> per identity. None of it is committed.
/// </summary>
public sealed record PkiDirectory(string Path)
{
    public const string FolderName = "pki";

    public string AuthorityCertificate => Combine("ca.crt");

    public string AuthorityKey => Combine("ca.key");

    public string RevocationList => Combine("ca.crl");

    public static PkiDirectory InStateDirectory(string stateDirectory) => new(System.IO.Path.Combine(stateDirectory, FolderName));

    public string CertificateOf(string name) => Combine($"{name}.crt");

    /// <summary>
    /// Writes <paramref name="name"/>'s certificate and private key, each replaced in one step; the key
    /// (readable by its owner only) first, so that a reader that sees the new certificate finds its key.
    /// </summary>
    public void WriteIdentity(string name, X509Certificate2 certificate)
    {
        System.IO.Directory.CreateDirectory(Path);
        using var key = certificate.GetECDsaPrivateKey() ?? throw new ArgumentException("The certificate has no ECDSA private key.", nameof(certificate));
        Replace(KeyOf(name), key.ExportPkcs8PrivateKeyPem(), ownerOnly: true);
        Replace(CertificateOf(name), certificate.ExportCertificatePem(), ownerOnly: false);
    }

    private static void Replace(string path, string contents, bool ownerOnly)
    {
        var written = $"{path}.{Guid.NewGuid():N}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (ownerOnly && !OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(written, options))
        using (var writer = new StreamWriter(stream))
            writer.Write(contents);
        File.Move(written, path, overwrite: true);
    }

    public string KeyOf(string name) => Combine($"{name}.key");

    private string Combine(string file) => System.IO.Path.Combine(Path, file);
}
